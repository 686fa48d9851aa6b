//! Tests of consumption mining. Expected amounts are worked out by hand in the comments (in
//! DSG and USD), not by the pallet's own helpers.

use crate::{mock::*, *};
use despend_primitives::OnOrderSettled;
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect as _, Mutate as _},
		Hooks, VestingSchedule as _,
	},
};
use pallet_vesting::VestingInfo;
use sp_arithmetic::{FixedU128, Perbill};
use sp_runtime::DispatchError;

fn settle(order: despend_primitives::OrderId, buyer: AccountId, sale_usd: Balance) {
	Mining::on_order_settled(&settlement(order, buyer, sale_usd));
}

fn mining_events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Mining(event) => Some(event),
			_ => None,
		})
		.collect()
}

fn skipped(order: despend_primitives::OrderId, who: AccountId, reason: SkipReason) -> RuntimeEvent {
	Event::<Test>::RewardSkipped { who, order, reason }.into()
}

fn mined(
	order: despend_primitives::OrderId,
	who: AccountId,
	amount: Balance,
	rate: FixedU128,
) -> RuntimeEvent {
	Event::<Test>::Mined { who, order, amount, rate, vested: false }.into()
}

// ---------------------------------------------------------------------------------------------
// The rate
// ---------------------------------------------------------------------------------------------

#[test]
fn a_buyer_mines_the_sale_in_usd_times_the_rate_in_dsg() {
	build_and_execute(|| {
		let issuance = Balances::total_issuance();
		settle(1, BUYER, 100 * USD);

		// 100 USD at 1 DSG per USD is 100 DSG.
		let reward = 100 * DSG;
		assert_eq!(Balances::free_balance(BUYER), reward);
		assert_eq!(Balances::total_issuance(), issuance + reward);
		assert_eq!(Mining::mined_by(&BUYER), reward);
		assert_eq!(Mining::total_mined(), reward);
		assert_eq!(
			Miners::<Test>::get(BUYER).map(|m| (m.period, m.period_mined)),
			Some((0, reward))
		);
		assert_eq!(Schedule::<Test>::get().volume_usd, 100 * USD);
		assert!(
			pallet_vesting::Vesting::<Test>::get(BUYER).is_none(),
			"liquid when VestingPeriod is 0"
		);
		System::assert_last_event(mined(1, BUYER, reward, FixedU128::from_u32(1)));
	});
}

#[test]
fn a_fractional_rate_converts_six_decimal_dollars_to_twelve_decimal_dsg_exactly() {
	build_and_execute(|| {
		InitialRate::set(FixedU128::from_rational(37, 100));
		settle(1, BUYER, 12_345_678);

		// 12.345678 USD × 0.37 DSG/USD = 4.56790086 DSG = 4_567_900_860_000 planck.
		assert_eq!(Balances::free_balance(BUYER), 4_567_900_860_000);
		System::assert_last_event(mined(
			1,
			BUYER,
			4_567_900_860_000,
			FixedU128::from_rational(37, 100),
		));
	});
}

#[test]
fn the_reward_rounds_down_against_the_miner() {
	build_and_execute(|| {
		// A third of a DSG per USD: 1.000001 USD mines 333_333_666_666.66.. planck.
		let third = FixedU128::from_rational(1, 3);
		InitialRate::set(third);
		settle(1, BUYER, 1_000_001);
		let exact_times_10_12 = 1_000_001 * third.into_inner();
		assert!(exact_times_10_12 % 1_000_000_000_000 > 0, "the amount does not divide");
		assert_eq!(Balances::free_balance(BUYER), exact_times_10_12 / 1_000_000_000_000);
		assert_eq!(Balances::free_balance(BUYER), 333_333_666_666);
	});
}

#[test]
fn a_member_tier_bonus_adds_to_the_reward() {
	build_and_execute(|| {
		set_bonus(BUYER, Perbill::from_percent(25));
		settle(1, BUYER, 100 * USD);

		// 100 DSG × (1 + 25%) = 125 DSG.
		assert_eq!(Balances::free_balance(BUYER), 125 * DSG);
		assert_eq!(Mining::mined_by(&BUYER), 125 * DSG);
		System::assert_last_event(mined(1, BUYER, 125 * DSG, FixedU128::from_u32(1)));
	});
}

#[test]
fn a_sale_too_small_to_mine_a_planck_is_skipped() {
	build_and_execute(|| {
		settle(1, BUYER, 0);
		System::assert_last_event(skipped(1, BUYER, SkipReason::ZeroReward));
		assert_eq!(Mining::total_mined(), 0);
		assert_eq!(Mining::mined_this_period(&BUYER, Mining::current_period()), 0);
	});
}

// ---------------------------------------------------------------------------------------------
// Halvings
// ---------------------------------------------------------------------------------------------

#[test]
fn an_order_crossing_a_halving_threshold_is_rewarded_piecewise() {
	build_and_execute(|| {
		HalvingVolume::set(1_000 * USD);
		settle(1, OTHER_BUYER, 900 * USD);
		assert_eq!(Mining::next_halving_volume(), 1_000 * USD);
		assert_eq!(Schedule::<Test>::get().halvings, 0);

		settle(2, BUYER, 300 * USD);

		// 100 USD at 1 DSG/USD, then 200 USD at 0.5 DSG/USD: 100 + 100 = 200 DSG.
		assert_eq!(Balances::free_balance(BUYER), 200 * DSG);
		assert_eq!(Schedule::<Test>::get().halvings, 1);
		assert_eq!(Mining::next_halving_volume(), 2_000 * USD);
		assert_eq!(Schedule::<Test>::get().volume_usd, 1_200 * USD);
		assert_eq!(Mining::current_rate(), FixedU128::from_rational(1, 2));
		System::assert_has_event(
			Event::<Test>::Halved {
				halvings: 1,
				new_rate: FixedU128::from_rational(1, 2),
				at_volume: 1_000 * USD,
			}
			.into(),
		);
		// The event's rate is the rate of the order's first dollar.
		System::assert_last_event(mined(2, BUYER, 200 * DSG, FixedU128::from_u32(1)));
	});
}

#[test]
fn reaching_a_threshold_exactly_halves_the_rate() {
	build_and_execute(|| {
		HalvingVolume::set(1_000 * USD);
		settle(1, BUYER, 1_000 * USD);
		assert_eq!(Balances::free_balance(BUYER), 1_000 * DSG);
		assert_eq!(Schedule::<Test>::get().halvings, 1);
		assert_eq!(Mining::next_halving_volume(), 2_000 * USD);

		settle(2, OTHER_BUYER, 10 * USD);
		// 10 USD at 0.5 DSG/USD.
		System::assert_last_event(mined(2, OTHER_BUYER, 5 * DSG, FixedU128::from_rational(1, 2)));
	});
}

#[test]
fn one_order_can_cross_several_thresholds() {
	build_and_execute(|| {
		HalvingVolume::set(100 * USD);
		settle(1, BUYER, 350 * USD);

		// 100 @ 1 + 100 @ 0.5 + 100 @ 0.25 + 50 @ 0.125 = 181.25 DSG.
		assert_eq!(Balances::free_balance(BUYER), 181_250_000_000_000);
		assert_eq!(Schedule::<Test>::get().halvings, 3);
		assert_eq!(Mining::next_halving_volume(), 400 * USD);
		let halvings: Vec<_> = mining_events()
			.into_iter()
			.filter_map(|event| match event {
				Event::Halved { halvings, new_rate, at_volume } => {
					Some((halvings, new_rate, at_volume))
				},
				_ => None,
			})
			.collect();
		// One event for the order, at the last threshold it reached.
		assert_eq!(halvings, vec![(3, FixedU128::from_rational(1, 8), 300 * USD)]);
	});
}

#[test]
fn emission_ends_after_max_halvings() {
	build_and_execute(|| {
		MaxHalvings::set(2);
		HalvingVolume::set(100 * USD);
		settle(1, BUYER, 250 * USD);

		// 100 @ 1 + 100 @ 0.5 + 50 @ 0 = 150 DSG.
		assert_eq!(Balances::free_balance(BUYER), 150 * DSG);
		assert_eq!(Schedule::<Test>::get().halvings, 2);
		assert_eq!(Mining::current_rate(), FixedU128::from_u32(0));
		assert_eq!(Mining::next_halving_volume(), Balance::MAX);
		System::assert_has_event(
			Event::<Test>::Halved {
				halvings: 2,
				new_rate: FixedU128::from_u32(0),
				at_volume: 200 * USD,
			}
			.into(),
		);

		settle(2, OTHER_BUYER, 10 * USD);
		System::assert_last_event(skipped(2, OTHER_BUYER, SkipReason::EmissionEnded));
		assert_eq!(Schedule::<Test>::get().volume_usd, 260 * USD);
		assert_eq!(Mining::total_mined(), 150 * DSG);
	});
}

// ---------------------------------------------------------------------------------------------
// Caps
// ---------------------------------------------------------------------------------------------

#[test]
fn the_mining_cap_truncates_the_last_reward_and_then_mining_stops() {
	build_and_execute(|| {
		MiningCap::set(150 * DSG);
		settle(1, BUYER, 100 * USD);
		assert_eq!(Mining::remaining_to_mine(), 50 * DSG);

		settle(2, OTHER_BUYER, 100 * USD);
		assert_eq!(Balances::free_balance(OTHER_BUYER), 1_000 * DSG + 50 * DSG);
		assert_eq!(Mining::total_mined(), 150 * DSG);
		System::assert_has_event(
			Event::<Test>::RewardTruncated {
				who: OTHER_BUYER,
				order: 2,
				full: 100 * DSG,
				granted: 50 * DSG,
				limit: RewardLimit::MiningCap,
			}
			.into(),
		);
		System::assert_has_event(mined(2, OTHER_BUYER, 50 * DSG, FixedU128::from_u32(1)));
		System::assert_last_event(Event::<Test>::CapReached { total_mined: 150 * DSG }.into());

		let issuance = Balances::total_issuance();
		settle(3, BUYER, 100 * USD);
		System::assert_last_event(skipped(3, BUYER, SkipReason::MiningCapReached));
		assert_eq!(Balances::total_issuance(), issuance);
		assert_eq!(Mining::remaining_to_mine(), 0);
	});
}

#[test]
fn the_period_cap_truncates_a_buyer_and_resets_in_the_next_period() {
	build_and_execute(|| {
		PeriodAccountCap::set(150 * DSG);
		settle(1, BUYER, 100 * USD);
		settle(2, BUYER, 100 * USD);
		System::assert_has_event(
			Event::<Test>::RewardTruncated {
				who: BUYER,
				order: 2,
				full: 100 * DSG,
				granted: 50 * DSG,
				limit: RewardLimit::PeriodAccountCap,
			}
			.into(),
		);
		assert_eq!(Balances::free_balance(BUYER), 150 * DSG);
		assert_eq!(Mining::period_allowance(BUYER), 0);

		settle(3, BUYER, 100 * USD);
		System::assert_last_event(skipped(3, BUYER, SkipReason::PeriodCapReached));

		// Another buyer has their own allowance.
		settle(4, OTHER_BUYER, 100 * USD);
		System::assert_last_event(mined(4, OTHER_BUYER, 100 * DSG, FixedU128::from_u32(1)));

		// Period 1 starts at block CapPeriod.
		System::set_block_number(14_400);
		assert_eq!(Mining::current_period(), 1);
		assert_eq!(Mining::period_allowance(BUYER), 150 * DSG);
		settle(5, BUYER, 100 * USD);
		System::assert_last_event(mined(5, BUYER, 100 * DSG, FixedU128::from_u32(1)));
		assert_eq!(
			Miners::<Test>::get(BUYER).map(|m| (m.period, m.period_mined)),
			Some((1, 100 * DSG))
		);
		assert_eq!(Mining::mined_by(&BUYER), 250 * DSG);
		assert_eq!(Mining::period_allowance(BUYER), 50 * DSG);
	});
}

// ---------------------------------------------------------------------------------------------
// Anti-wash trading
// ---------------------------------------------------------------------------------------------

#[test]
fn without_an_oracle_price_an_order_mines_nothing_but_its_volume_counts() {
	build_and_execute(|| {
		Price::set(None);
		settle(1, BUYER, 100 * USD);
		System::assert_last_event(skipped(1, BUYER, SkipReason::NoPrice));
		assert_eq!(Balances::free_balance(BUYER), 0);
		assert_eq!(Mining::mined_by(&BUYER), 0);
		assert_eq!(Schedule::<Test>::get().volume_usd, 100 * USD);

		Price::set(Some(FixedU128::from_u32(0)));
		settle(2, BUYER, 100 * USD);
		System::assert_last_event(skipped(2, BUYER, SkipReason::NoPrice));
		assert_eq!(Mining::total_mined(), 0);
	});
}

#[test]
fn the_reward_is_worth_at_most_half_the_treasury_part_at_the_oracle_price() {
	build_and_execute(|| {
		Price::set(Some(FixedU128::from_u32(1)));
		settle(1, BUYER, 100 * USD);

		// E = 15 USD: experts 1.5, reviewers 7.5, the platform's 6 USD all go to the treasury
		// (no promoters, no dividend share in this mock); half of it is 3 USD, i.e. 3 DSG at
		// 1 USD per DSG, instead of the 100 DSG the rate would give.
		let granted = 3 * DSG;
		assert_eq!(Balances::free_balance(BUYER), granted);
		System::assert_has_event(
			Event::<Test>::RewardTruncated {
				who: BUYER,
				order: 1,
				full: 100 * DSG,
				granted,
				limit: RewardLimit::TreasuryRatio,
			}
			.into(),
		);
		System::assert_last_event(mined(1, BUYER, granted, FixedU128::from_u32(1)));
	});
}

#[test]
fn fees_that_can_return_to_the_buyer_do_not_back_a_reward() {
	build_and_execute(|| {
		Price::set(Some(FixedU128::from_u32(1)));
		// The same 15.6 USD of fees, but the platform revenue went to promoters and the
		// dividend pool, which the buyer may control: only the 1 USD left for the treasury
		// backs the reward.
		let mut order = settlement(1, BUYER, 100 * USD);
		order.parts.commissions = 3 * USD;
		order.parts.dividend_share = 2 * USD;
		order.parts.treasury = USD;
		assert!(order.parts.conserves(order.sale_amount));
		Mining::on_order_settled(&order);
		assert_eq!(Balances::free_balance(BUYER), DSG / 2);

		// With nothing left for the treasury, nothing is mined.
		let mut order = settlement(2, BUYER, 100 * USD);
		order.parts.commissions = 4 * USD;
		order.parts.dividend_share = 2 * USD;
		order.parts.treasury = 0;
		assert!(order.parts.conserves(order.sale_amount));
		Mining::on_order_settled(&order);
		System::assert_last_event(skipped(2, BUYER, SkipReason::NoTreasuryPart));
		assert_eq!(Balances::free_balance(BUYER), DSG / 2);
	});
}

#[test]
fn a_reward_to_treasury_ratio_above_the_ceiling_is_clamped() {
	build_and_execute(|| {
		MaxRewardToTreasuryRatio::set(Perbill::one());
		assert_eq!(Mining::reward_to_treasury_ratio(), Perbill::from_percent(95));
		Price::set(Some(FixedU128::from_u32(1)));
		settle(1, BUYER, 100 * USD);

		// 95% of the 6 USD treasury part is 5.7 USD = 5.7 DSG.
		assert_eq!(Balances::free_balance(BUYER), 5_700_000_000_000);
	});
}

#[test]
fn a_mining_cap_above_the_ceiling_is_clamped() {
	build_and_execute(|| {
		MiningCap::set(Balance::MAX);
		assert_eq!(Mining::mining_cap(), MaxMiningCap::get());
		assert_eq!(Mining::remaining_to_mine(), MaxMiningCap::get());
	});
}

#[test]
fn an_order_that_paid_no_fees_mines_nothing() {
	build_and_execute(|| {
		let free = FeeRates { experience: Perbill::zero(), community: Perbill::zero() };
		Mining::on_order_settled(&settlement_with(1, BUYER, USDT, 100 * USD, free));
		System::assert_last_event(skipped(1, BUYER, SkipReason::NoTreasuryPart));
		assert_eq!(Mining::total_mined(), 0);
	});
}

#[test]
fn a_dsg_paid_treasury_part_is_valued_at_the_oracle_price() {
	build_and_execute(|| {
		// At 2 USD per DSG, a 100 USD sale paid in DSG is 50 DSG: E = 7.5 DSG, of which the
		// platform's (the treasury's here) 3 DSG = 6 USD. Half is 3 USD = 1.5 DSG.
		Price::set(Some(FixedU128::from_u32(2)));
		let order = settlement_with(1, BUYER, NATIVE, 100 * USD, FeeRates::default());
		assert_eq!(order.sale_amount, 50 * DSG);
		assert_eq!(order.parts.unrecapturable(), 3 * DSG);
		Mining::on_order_settled(&order);
		assert_eq!(Balances::free_balance(BUYER), 1_500_000_000_000);

		// The oracle price at settlement counts, not the one at placement: at 4 USD per DSG
		// the same 3 DSG are 12 USD, half is 6 USD, which is again 1.5 DSG.
		let placed_at_2_usd =
			settlement_with(2, OTHER_BUYER, NATIVE, 100 * USD, FeeRates::default());
		Price::set(Some(FixedU128::from_u32(4)));
		Mining::on_order_settled(&placed_at_2_usd);
		System::assert_has_event(
			Event::<Test>::RewardTruncated {
				who: OTHER_BUYER,
				order: 2,
				full: 100 * DSG,
				granted: 1_500_000_000_000,
				limit: RewardLimit::TreasuryRatio,
			}
			.into(),
		);
	});
}

/// What a run of self-dealing did.
struct WashTrades {
	/// Rounds in which the buyer mined something.
	rewarded_rounds: u64,
	/// The treasury parts paid, valued at the oracle price, in USD units × 10^24.
	treasury: i128,
	/// The DSG mined, valued at the oracle price, in USD units × 10^24.
	rewards: i128,
}

/// One person plays every role of a sale with many accounts (merchant, buyer, expert,
/// reviewers, promoters, shareholders) and sells to themself, once per period (so the period cap
/// never hides anything): each round the buyer pays `S` and everything but the treasury part
/// comes back to the same person, who also mines DSG. Asserts that the coalition's wealth,
/// valued exactly at the oracle price, strictly decreases every round.
fn wash_trade(rounds: u64, asset: AssetKind, rates: FeeRates) -> WashTrades {
	let price = Price::get().expect("the wash trader needs a price to mine");
	// Wealth in USD units × 10^24, so that DSG planck × price (inner, 10^18) is exact.
	let dsg_value = |planck: Balance| -> i128 { (planck * price.into_inner()) as i128 };
	let usd_value =
		|units: Balance| -> i128 { (units as i128) * 1_000_000_000_000_000_000_000_000 };
	let paid_in_dsg = asset == NATIVE;
	let value = |amount: Balance| if paid_in_dsg { dsg_value(amount) } else { usd_value(amount) };
	let mut result = WashTrades { rewarded_rounds: 0, treasury: 0, rewards: 0 };
	let mut wealth: i128 = 0;
	// The buyer's account exists, so even a reward below the existential deposit is paid.
	<Balances as frame_support::traits::fungible::Mutate<_>>::set_balance(
		&BUYER,
		ExistentialDeposit::get(),
	);
	for round in 1..=rounds {
		System::set_block_number(round * CapPeriod::get());
		// Sales from about 140 USD to 9,000 USD, never round numbers.
		let r = Balance::from(round);
		let sale_usd = (r % 9 + 1) * 1_000 * USD / (r % 7 + 1) + r * 1_234;
		let order = settlement_with(round, BUYER, asset.clone(), sale_usd, rates);
		let dsg_before = Balances::total_balance(&BUYER);
		Mining::on_order_settled(&order);
		let mined = Balances::total_balance(&BUYER) - dsg_before;
		if mined > 0 {
			result.rewarded_rounds += 1;
		}

		// The coalition pays S and gets all of it back but the treasury part, and gains `mined`.
		let kept = order.sale_amount - order.parts.unrecapturable();
		let change = value(kept) - value(order.sale_amount) + dsg_value(mined);
		let before = wealth;
		wealth += change;
		assert!(
			wealth < before,
			"round {round} (sale {sale_usd}): wealth went from {before} to {wealth}"
		);
		result.treasury += value(order.parts.unrecapturable());
		result.rewards += dsg_value(mined);
	}
	assert!(result.rewards < result.treasury);
	result
}

#[test]
fn self_dealing_loses_money_every_round_at_the_default_parameters() {
	let prices = [
		FixedU128::from_rational(1, 100),
		FixedU128::from_rational(1, 20),
		FixedU128::from_u32(1),
		FixedU128::from_u32(25),
	];
	for price in prices {
		for asset in [USDT, NATIVE] {
			build_and_execute(|| {
				Price::set(Some(price));
				let trades = wash_trade(200, asset, FeeRates::default());
				assert_eq!(
					trades.rewarded_rounds, 200,
					"every round mined: the test is not vacuous"
				);
				// At most half the treasury parts come back.
				assert!(trades.rewards <= trades.treasury / 2);
			});
		}
	}
}

#[test]
fn self_dealing_loses_money_every_round_at_the_most_generous_parameters() {
	// The most governance can do: an absurd rate (the pallet sets no ceiling on it: the
	// treasury limit does the work), the top tier's 100% bonus, MaxRewardToTreasuryRatio at
	// 100% (clamped to 95%), no caps, no halving, and the cheapest product: a 1% experience
	// fee and the 0.6% community fee.
	let cheapest = FeeRates {
		experience: Perbill::from_percent(1),
		community: Perbill::from_parts(6_000_000),
	};
	let prices =
		[FixedU128::from_rational(1, 1_000), FixedU128::from_u32(1), FixedU128::from_u32(1_000)];
	for price in prices {
		for asset in [USDT, NATIVE] {
			build_and_execute(|| {
				InitialRate::set(FixedU128::from_u32(1_000_000));
				set_bonus(BUYER, Perbill::one());
				MaxRewardToTreasuryRatio::set(Perbill::one());
				MiningCap::set(Balance::MAX / 2);
				MaxMiningCap::set(Balance::MAX / 2);
				PeriodAccountCap::set(Balance::MAX / 2);
				HalvingVolume::set(Balance::MAX / 4);
				Price::set(Some(price));
				let trades = wash_trade(200, asset, cheapest);
				assert_eq!(
					trades.rewarded_rounds, 200,
					"every round mined: the test is not vacuous"
				);
				// The rewards were as large as the rules allow: 95% of the treasury parts.
				assert!(
					trades.rewards * 100 >= trades.treasury * 94,
					"the ratio limit was what bound"
				);
			});
		}
	}
}

#[test]
fn at_the_most_generous_parameters_the_reward_is_just_under_the_treasury_part() {
	build_and_execute(|| {
		InitialRate::set(FixedU128::from_u32(1_000_000));
		set_bonus(BUYER, Perbill::one());
		MaxRewardToTreasuryRatio::set(Perbill::one());
		Price::set(Some(FixedU128::from_u32(1)));
		let cheapest = FeeRates {
			experience: Perbill::from_percent(1),
			community: Perbill::from_parts(6_000_000),
		};
		Mining::on_order_settled(&settlement_with(1, BUYER, USDT, 1_000 * USD, cheapest));
		// E = 10 USD, its platform part 4 USD is the treasury's; 95% is 3.8 USD = 3.8 DSG at
		// 1 USD per DSG: a 0.2 USD loss.
		assert_eq!(Balances::free_balance(BUYER), 3_800_000_000_000);
	});
}

// ---------------------------------------------------------------------------------------------
// Payout: existential deposit, vesting, pending rewards
// ---------------------------------------------------------------------------------------------

#[test]
fn a_reward_below_the_existential_deposit_for_an_empty_account_is_skipped() {
	build_and_execute(|| {
		// 0.005 USD mines 0.005 DSG, below the 0.01 DSG existential deposit.
		settle(1, BUYER, 5_000);
		System::assert_last_event(skipped(1, BUYER, SkipReason::BelowExistentialDeposit));
		assert_eq!(Balances::free_balance(BUYER), 0);
		assert_eq!(Mining::mined_by(&BUYER), 0);
		assert_eq!(Mining::mined_this_period(&BUYER, Mining::current_period()), 0);

		// A buyer who holds DSG receives it.
		settle(2, OTHER_BUYER, 5_000);
		System::assert_last_event(mined(2, OTHER_BUYER, 5_000_000_000, FixedU128::from_u32(1)));
	});
}

#[test]
fn a_reward_the_token_refuses_is_skipped_and_not_counted() {
	build_and_execute(|| {
		// Push total issuance to the brim: any mint would overflow it.
		let room = Balance::MAX - Balances::total_issuance();
		assert_ok!(Balances::mint_into(&MERCHANT, room));
		settle(1, BUYER, 100 * USD);
		System::assert_last_event(skipped(1, BUYER, SkipReason::DepositRefused));
		assert_eq!(Mining::total_mined(), 0);
	});
}

#[test]
fn a_vested_reward_is_locked_linearly_over_the_vesting_period() {
	build_and_execute(|| {
		VestingPeriod::set(1_000);
		settle(1, BUYER, 100 * USD);

		// 100 DSG over 1,000 blocks: 0.1 DSG per block, from block 1.
		assert_eq!(Balances::free_balance(BUYER), 100 * DSG);
		assert_eq!(
			pallet_vesting::Vesting::<Test>::get(BUYER).unwrap().into_inner(),
			vec![VestingInfo::new(100 * DSG, DSG / 10, 1)]
		);
		assert_eq!(Vesting::vesting_balance(&BUYER), Some(100 * DSG));
		System::assert_last_event(
			Event::<Test>::Mined {
				who: BUYER,
				order: 1,
				amount: 100 * DSG,
				rate: FixedU128::from_u32(1),
				vested: true,
			}
			.into(),
		);

		// Half the period later, half is still locked.
		System::set_block_number(501);
		assert_eq!(Vesting::vesting_balance(&BUYER), Some(50 * DSG));
	});
}

/// Gives `BUYER` some DSG and fills their vesting schedules with one-block schedules.
fn fill_vesting_schedules() {
	Balances::set_balance(&BUYER, 10 * DSG);
	for _ in 0..MAX_VESTING_SCHEDULES {
		assert_ok!(Vesting::add_vesting_schedule(&BUYER, DSG, DSG, System::block_number()));
	}
}

#[test]
fn a_reward_waits_when_vesting_schedules_are_full_and_is_claimed_later() {
	build_and_execute(|| {
		VestingPeriod::set(1_000);
		fill_vesting_schedules();
		settle(1, BUYER, 100 * USD);

		// Counted as mined, not minted.
		System::assert_last_event(
			Event::<Test>::RewardPending { who: BUYER, order: 1, amount: 100 * DSG }.into(),
		);
		assert_eq!(Mining::pending_reward(&BUYER), 100 * DSG);
		assert_eq!(Mining::mined_by(&BUYER), 100 * DSG);
		assert_eq!(Mining::total_mined(), 100 * DSG);
		assert_eq!(Balances::free_balance(BUYER), 10 * DSG);

		assert_noop!(
			Mining::claim_pending(RuntimeOrigin::signed(BUYER)),
			Error::<Test>::VestingScheduleLimit
		);

		// The one-block schedules have finished; `vest` clears them.
		System::set_block_number(3);
		assert_ok!(Vesting::vest(RuntimeOrigin::signed(BUYER)));
		assert_ok!(Mining::claim_pending(RuntimeOrigin::signed(BUYER)));

		System::assert_last_event(
			Event::<Test>::PendingRewardReleased { who: BUYER, amount: 100 * DSG, vested: true }
				.into(),
		);
		assert_eq!(Mining::pending_reward(&BUYER), 0);
		assert_eq!(Balances::free_balance(BUYER), 110 * DSG);
		assert_eq!(
			pallet_vesting::Vesting::<Test>::get(BUYER).unwrap().into_inner(),
			vec![VestingInfo::new(100 * DSG, DSG / 10, 3)]
		);
		assert_eq!(Mining::mined_by(&BUYER), 100 * DSG);
	});
}

#[test]
fn the_next_reward_releases_a_pending_one_in_the_same_schedule() {
	build_and_execute(|| {
		VestingPeriod::set(1_000);
		fill_vesting_schedules();
		settle(1, BUYER, 100 * USD);
		System::set_block_number(3);
		assert_ok!(Vesting::vest(RuntimeOrigin::signed(BUYER)));

		settle(2, BUYER, 50 * USD);

		// 100 pending + 50 new = 150 DSG in one schedule: 0.15 DSG per block.
		assert_eq!(
			pallet_vesting::Vesting::<Test>::get(BUYER).unwrap().into_inner(),
			vec![VestingInfo::new(150 * DSG, 150 * DSG / 1_000, 3)]
		);
		assert_eq!(Balances::free_balance(BUYER), 160 * DSG);
		assert_eq!(Mining::pending_reward(&BUYER), 0);
		System::assert_has_event(
			Event::<Test>::PendingRewardReleased { who: BUYER, amount: 100 * DSG, vested: true }
				.into(),
		);
		System::assert_last_event(
			Event::<Test>::Mined {
				who: BUYER,
				order: 2,
				amount: 50 * DSG,
				rate: FixedU128::from_u32(1),
				vested: true,
			}
			.into(),
		);
		assert_eq!(Mining::mined_by(&BUYER), 150 * DSG);
	});
}

#[test]
fn pending_dsg_is_paid_liquid_if_vesting_was_switched_off() {
	build_and_execute(|| {
		VestingPeriod::set(1_000);
		fill_vesting_schedules();
		settle(1, BUYER, 100 * USD);
		VestingPeriod::set(0);

		assert_ok!(Mining::claim_pending(RuntimeOrigin::signed(BUYER)));
		System::assert_last_event(
			Event::<Test>::PendingRewardReleased { who: BUYER, amount: 100 * DSG, vested: false }
				.into(),
		);
		assert_eq!(Balances::free_balance(BUYER), 110 * DSG);
		assert_eq!(
			pallet_vesting::Vesting::<Test>::get(BUYER).unwrap().len(),
			MAX_VESTING_SCHEDULES as usize
		);
	});
}

#[test]
fn claim_pending_needs_a_signed_origin_and_a_pending_reward() {
	build_and_execute(|| {
		assert_noop!(Mining::claim_pending(RuntimeOrigin::none()), DispatchError::BadOrigin);
		assert_noop!(
			Mining::claim_pending(RuntimeOrigin::signed(BUYER)),
			Error::<Test>::NothingPending
		);
	});
}

#[test]
fn claim_pending_fails_when_the_dsg_cannot_be_deposited() {
	build_and_execute(|| {
		VestingPeriod::set(1_000);
		fill_vesting_schedules();
		settle(1, BUYER, 100 * USD);
		System::set_block_number(3);
		assert_ok!(Vesting::vest(RuntimeOrigin::signed(BUYER)));

		let room = Balance::MAX - Balances::total_issuance();
		assert_ok!(Balances::mint_into(&MERCHANT, room));
		assert_noop!(
			Mining::claim_pending(RuntimeOrigin::signed(BUYER)),
			Error::<Test>::CannotReceive
		);
		assert_eq!(Mining::pending_reward(&BUYER), 100 * DSG);
	});
}

// ---------------------------------------------------------------------------------------------
// Weights, views, configuration and invariants
// ---------------------------------------------------------------------------------------------

#[test]
fn the_handler_reports_the_weight_of_the_path_it_took() {
	build_and_execute(|| {
		let max_weight =
			|| <Mining as OnOrderSettled<AccountId, AssetKind, Balance, BlockNumber>>::max_weight();
		HalvingVolume::set(100 * USD);
		let weight = Mining::on_order_settled(&settlement(1, BUYER, 250 * USD));
		assert_eq!(weight, <() as WeightInfo>::on_order_settled_liquid(2));
		// Without a vesting period no reward is vested: the liquid path is the dearest.
		assert_eq!(max_weight(), <() as WeightInfo>::on_order_settled_liquid(64));
		assert!(weight.all_lte(max_weight()));

		VestingPeriod::set(1_000);
		let weight = Mining::on_order_settled(&settlement(2, BUYER, 10 * USD));
		assert_eq!(weight, <() as WeightInfo>::on_order_settled_vested(0));
		assert!(weight.all_lte(max_weight()));
		assert_eq!(max_weight(), <() as WeightInfo>::on_order_settled_vested(64));
	});
}

#[test]
fn the_view_functions_report_rate_allowance_and_what_is_left_to_mine() {
	build_and_execute(|| {
		assert_eq!(Mining::current_rate(), FixedU128::from_u32(1));
		assert_eq!(Mining::period_allowance(BUYER), 100_000 * DSG);
		assert_eq!(Mining::remaining_to_mine(), 400_000_000 * DSG);
		settle(1, BUYER, 100 * USD);
		assert_eq!(Mining::period_allowance(BUYER), 99_900 * DSG);
		assert_eq!(Mining::remaining_to_mine(), 399_999_900 * DSG);
	});
}

#[test]
fn the_configuration_passes_the_integrity_test() {
	new_test_ext().execute_with(|| <Mining as Hooks<BlockNumber>>::integrity_test());
}

#[test]
fn try_state_catches_broken_invariants() {
	new_test_ext().execute_with(|| {
		settle(1, BUYER, 100 * USD);
		assert_ok!(Mining::do_try_state());

		let schedule = Schedule::<Test>::get();
		let miner = Miners::<Test>::get(BUYER).unwrap();
		Schedule::<Test>::mutate(|s| s.total_mined = 99 * DSG);
		assert!(Mining::do_try_state().is_err(), "total mined out of sync with the miners");
		Schedule::<Test>::put(schedule);

		MiningCap::set(50 * DSG);
		assert!(Mining::do_try_state().is_err(), "total mined above MiningCap");
		MiningCap::set(400_000_000 * DSG);

		Schedule::<Test>::mutate(|s| s.volume_usd = Mining::next_halving_volume());
		assert!(Mining::do_try_state().is_err(), "a threshold passed without halving");
		Schedule::<Test>::put(schedule);

		Miners::<Test>::insert(BUYER, Miner { pending: 101 * DSG, ..miner });
		assert!(Mining::do_try_state().is_err(), "more pending than mined");
		Miners::<Test>::insert(BUYER, Miner { period: 5, ..miner });
		assert!(Mining::do_try_state().is_err(), "a period record from the future");
		Miners::<Test>::insert(BUYER, Miner { period_mined: 101 * DSG, ..miner });
		assert!(Mining::do_try_state().is_err(), "more mined in a period than in total");
		Miners::<Test>::insert(BUYER, miner);

		assert_ok!(Mining::do_try_state());
	});
}

#[test]
fn the_v1_migration_folds_seven_records_into_two_and_runs_only_from_version_0() {
	use crate::migrations::v1;
	use frame_support::traits::{Get, GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	new_test_ext().execute_with(|| {
		// Version 0's layout: a halving behind, two miners, one with a pending reward.
		v1::TotalVolumeUsd::<Test>::put(1_500 * USD);
		v1::Halvings::<Test>::put(1);
		v1::NextHalvingVolume::<Test>::put(2_000 * USD);
		v1::TotalMined::<Test>::put(300 * DSG);
		v1::MinedBy::<Test>::insert(BUYER, 200 * DSG);
		v1::MinedBy::<Test>::insert(OTHER_BUYER, 100 * DSG);
		v1::AccountEpochMined::<Test>::insert(BUYER, (0u64, 50 * DSG));
		v1::PendingRewards::<Test>::insert(OTHER_BUYER, 40 * DSG);
		StorageVersion::new(0).put::<Mining>();

		v1::MigrateToV1::<Test>::on_runtime_upgrade();

		assert_eq!(Mining::on_chain_storage_version(), StorageVersion::new(1));
		assert_eq!(
			Schedule::<Test>::get(),
			EmissionSchedule {
				volume_usd: 1_500 * USD,
				halvings: 1,
				next_halving_volume: 2_000 * USD,
				total_mined: 300 * DSG,
			}
		);
		assert_eq!(
			Miners::<Test>::get(BUYER),
			Some(Miner { mined: 200 * DSG, period: 0, period_mined: 50 * DSG, pending: 0 })
		);
		assert_eq!(
			Miners::<Test>::get(OTHER_BUYER),
			Some(Miner { mined: 100 * DSG, period: 0, period_mined: 0, pending: 40 * DSG })
		);
		assert!(!v1::TotalMined::<Test>::exists() && !v1::Halvings::<Test>::exists());
		assert_eq!(v1::MinedBy::<Test>::iter().count(), 0);
		assert_eq!(v1::PendingRewards::<Test>::iter().count(), 0);
		assert_ok!(Mining::do_try_state());
		// Mining goes on from where it was: at the halved rate.
		assert_eq!(Mining::current_rate(), Mining::rate_at(1));

		// Again: nothing happens (the version is 1 now).
		let weight = v1::MigrateToV1::<Test>::on_runtime_upgrade();
		assert_eq!(Miners::<Test>::iter().count(), 2);
		let db = <<Test as frame_system::Config>::DbWeight as Get<
			frame_support::weights::RuntimeDbWeight,
		>>::get();
		assert_eq!(weight, db.reads(1));
	});
}
