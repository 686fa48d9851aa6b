//! OpenGov for DSG holders: referenda on tracks, conviction voting with DSG, and the custom
//! origins each track dispatches with. Proposing needs a membership tier (`MinProposerTier`);
//! voting is open to every DSG holder.

pub mod origins;
pub mod tracks;

pub use origins::{
	pallet_custom_origins, Arbitrator, CategoryLauncher, ParameterSetter, Treasurer,
	TreasurySpender,
};
pub use tracks::TracksInfo;

use despend_primitives::{MemberTiers, Tier};
use frame_support::traits::{EnsureOriginWithArg, Get};
use frame_system::RawOrigin;

/// A signed origin whose account holds at least tier `MinTier` (by its DSG stake): only such
/// members may submit referenda, so proposals come from people with skin in the game.
pub struct EnsureMemberTier<AccountId, Members, Balance, MinTier>(
	core::marker::PhantomData<(AccountId, Members, Balance, MinTier)>,
);

impl<O, A, AccountId, Members, Balance, MinTier> EnsureOriginWithArg<O, A>
	for EnsureMemberTier<AccountId, Members, Balance, MinTier>
where
	O: Into<Result<RawOrigin<AccountId>, O>> + From<RawOrigin<AccountId>> + Clone,
	AccountId: Clone + Decode,
	Members: MemberTiers<AccountId, Balance>,
	MinTier: Get<Tier>,
{
	type Success = AccountId;

	fn try_origin(origin: O, _: &A) -> Result<Self::Success, O> {
		match origin.clone().into() {
			Ok(RawOrigin::Signed(who)) if Members::tier(&who) >= MinTier::get() => Ok(who),
			_ => Err(origin),
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin(_: &A) -> Result<O, ()> {
		// Benchmarks of pallet-referenda submit with an account the helper made a member.
		Err(())
	}
}

use codec::Decode;
