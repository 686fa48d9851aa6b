//! The referendum tracks. Periods are sized for a young chain: decisions take days, not weeks,
//! and turnout thresholds start moderate and fall, so a small but committed electorate can
//! decide while a contested proposal still needs broad approval. Development networks
//! (`governance::FastTracks` set at genesis) run the same tracks in blocks, so a referendum
//! passes in about two minutes.
//!
//! | id | track | decides | deposit | prepare | decision | confirm | enactment |
//! |----|-------|---------|---------|---------|----------|---------|-----------|
//! | 0 | root | runtime upgrades, validator set, anything | 100,000 DSG | 2 h | 7 d | 1 d | 1 d |
//! | 1 | parameters | rates, periods, tier table | 10,000 DSG | 1 h | 5 d | 3 h | 1 h |
//! | 2 | category_launch | categories, merchant suspension | 1,000 DSG | 1 h | 3 d | 1 h | 10 min |
//! | 3 | arbitration | order disputes, review appeals | 500 DSG | 10 min | 2 d | 1 h | 1 min |
//! | 4 | treasurer | treasury spends up to 1,000,000 DSG | 10,000 DSG | 2 h | 7 d | 1 d | 1 d |

use alloc::borrow::Cow;
use frame_support::traits::{Get, OriginTrait};
use pallet_referenda::{Curve, Track, TrackInfo};
use sp_runtime::Perbill;

use super::origins;
use crate::{
	configs::parameters::governance,
	units::{DAYS, DSG, HOURS, MINUTES},
	Balance, BlockNumber, RuntimeOrigin,
};

const fn percent(x: u32) -> Perbill {
	Perbill::from_percent(x)
}

/// Approval (aye share of conviction-weighted votes) falls from 100% to 50% over the decision
/// period: early passage needs near-unanimity.
const APPROVAL: Curve =
	Curve::LinearDecreasing { length: percent(100), floor: percent(50), ceil: percent(100) };
/// Support (aye turnout of all DSG) for the root track.
const SUPPORT_ROOT: Curve =
	Curve::LinearDecreasing { length: percent(100), floor: percent(5), ceil: percent(25) };
/// Support for the other tracks.
const SUPPORT: Curve =
	Curve::LinearDecreasing { length: percent(100), floor: percent(1), ceil: percent(10) };
/// Development networks: a single well-funded dev account passes a referendum.
const SUPPORT_DEV: Curve =
	Curve::LinearDecreasing { length: percent(100), floor: percent(0), ceil: percent(2) };

const fn name(s: &str) -> [u8; 25] {
	let mut out = [0u8; 25];
	let bytes = s.as_bytes();
	let mut i = 0;
	while i < bytes.len() && i < 25 {
		out[i] = bytes[i];
		i += 1;
	}
	out
}

const fn track(
	id: u16,
	track_name: &str,
	max_deciding: u32,
	decision_deposit: Balance,
	prepare_period: BlockNumber,
	decision_period: BlockNumber,
	confirm_period: BlockNumber,
	min_enactment_period: BlockNumber,
	min_support: Curve,
) -> Track<u16, Balance, BlockNumber> {
	Track {
		id,
		info: TrackInfo {
			name: name(track_name),
			max_deciding,
			decision_deposit,
			prepare_period,
			decision_period,
			confirm_period,
			min_enactment_period,
			min_approval: APPROVAL,
			min_support,
		},
	}
}

/// The production tracks.
static TRACKS: [Track<u16, Balance, BlockNumber>; 5] = [
	track(0, "root", 1, 100_000 * DSG, 2 * HOURS, 7 * DAYS, DAYS, DAYS, SUPPORT_ROOT),
	track(1, "parameters", 10, 10_000 * DSG, HOURS, 5 * DAYS, 3 * HOURS, HOURS, SUPPORT),
	track(2, "category_launch", 10, 1_000 * DSG, HOURS, 3 * DAYS, HOURS, 10 * MINUTES, SUPPORT),
	track(3, "arbitration", 50, 500 * DSG, 10 * MINUTES, 2 * DAYS, HOURS, MINUTES, SUPPORT),
	track(4, "treasurer", 10, 10_000 * DSG, 2 * HOURS, 7 * DAYS, DAYS, DAYS, SUPPORT),
];

/// The same tracks on development networks: minutes instead of days, small deposits.
static DEV_TRACKS: [Track<u16, Balance, BlockNumber>; 5] = [
	track(0, "root", 1, 100 * DSG, 1, 10, 2, 1, SUPPORT_DEV),
	track(1, "parameters", 10, 10 * DSG, 1, 10, 2, 1, SUPPORT_DEV),
	track(2, "category_launch", 10, 10 * DSG, 1, 10, 2, 1, SUPPORT_DEV),
	track(3, "arbitration", 50, 10 * DSG, 1, 10, 2, 1, SUPPORT_DEV),
	track(4, "treasurer", 10, 10 * DSG, 1, 10, 2, 1, SUPPORT_DEV),
];

/// DeSpend's referendum tracks, and which origin each one dispatches with.
pub struct TracksInfo;
impl pallet_referenda::TracksInfo<Balance, BlockNumber> for TracksInfo {
	type Id = u16;
	type RuntimeOrigin = <RuntimeOrigin as OriginTrait>::PalletsOrigin;

	fn tracks() -> impl Iterator<Item = Cow<'static, Track<u16, Balance, BlockNumber>>> {
		let tracks: &'static [Track<u16, Balance, BlockNumber>] =
			if governance::FastTracks::get() { &DEV_TRACKS } else { &TRACKS };
		tracks.iter().map(Cow::Borrowed)
	}

	fn track_for(origin: &Self::RuntimeOrigin) -> Result<Self::Id, ()> {
		if let Ok(system) = frame_system::RawOrigin::try_from(origin.clone()) {
			match system {
				frame_system::RawOrigin::Root => Ok(0),
				_ => Err(()),
			}
		} else if let Ok(custom) = origins::Origin::try_from(origin.clone()) {
			match custom {
				origins::Origin::ParameterSetter => Ok(1),
				origins::Origin::CategoryLauncher => Ok(2),
				origins::Origin::Arbitrator => Ok(3),
				origins::Origin::Treasurer => Ok(4),
			}
		} else {
			Err(())
		}
	}
}
