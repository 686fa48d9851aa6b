//! The origins governance tracks dispatch with, one per kind of decision.

pub use pallet_custom_origins::*;

#[frame_support::pallet]
pub mod pallet_custom_origins {
	use crate::{units::DSG, Balance};
	use frame_support::pallet_prelude::*;

	#[pallet::config]
	pub trait Config: frame_system::Config {}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// What a passed referendum of a track may do.
	#[derive(
		PartialEq, Eq, Clone, MaxEncodedLen, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug,
	)]
	#[pallet::origin]
	pub enum Origin {
		/// Changes rates and periods (pallet-parameters) and the membership tier table.
		ParameterSetter,
		/// Launches and closes product categories; suspends and resumes merchants.
		CategoryLauncher,
		/// Rules order disputes and review appeals.
		Arbitrator,
		/// Spends from the treasury, up to [`MAX_TREASURER_SPEND`].
		Treasurer,
	}

	/// The most a treasurer referendum may spend at once (in DSG value).
	pub const MAX_TREASURER_SPEND: Balance = 1_000_000 * DSG;

	macro_rules! decl_unit_ensures {
		( $name:ident: $success_type:ty = $success:expr ) => {
			/// Ensures the origin is this track's custom origin.
			pub struct $name;
			impl<O: OriginTrait + From<Origin>> EnsureOrigin<O> for $name
			where
				for<'a> &'a O::PalletsOrigin: TryInto<&'a Origin>,
			{
				type Success = $success_type;
				fn try_origin(o: O) -> Result<Self::Success, O> {
					match o.caller().try_into() {
						Ok(Origin::$name) => return Ok($success),
						_ => (),
					}
					Err(o)
				}
				#[cfg(feature = "runtime-benchmarks")]
				fn try_successful_origin() -> Result<O, ()> {
					Ok(O::from(Origin::$name))
				}
			}
		};
		( $name:ident ) => { decl_unit_ensures! { $name : () = () } };
		( $name:ident: $success_type:ty = $success:expr, $( $rest:tt )* ) => {
			decl_unit_ensures! { $name: $success_type = $success }
			decl_unit_ensures! { $( $rest )* }
		};
		( $name:ident, $( $rest:tt )* ) => {
			decl_unit_ensures! { $name }
			decl_unit_ensures! { $( $rest )* }
		};
		() => {}
	}
	decl_unit_ensures!(ParameterSetter, CategoryLauncher, Arbitrator, Treasurer);

	/// A treasury spend origin: the treasurer track up to [`MAX_TREASURER_SPEND`].
	pub struct TreasurySpender;
	impl<O: OriginTrait + From<Origin>> EnsureOrigin<O> for TreasurySpender
	where
		for<'a> &'a O::PalletsOrigin: TryInto<&'a Origin>,
	{
		type Success = Balance;
		fn try_origin(o: O) -> Result<Self::Success, O> {
			if let Ok(Origin::Treasurer) = o.caller().try_into() {
				return Ok(MAX_TREASURER_SPEND);
			}
			Err(o)
		}
		#[cfg(feature = "runtime-benchmarks")]
		fn try_successful_origin() -> Result<O, ()> {
			Ok(O::from(Origin::Treasurer))
		}
	}
}
