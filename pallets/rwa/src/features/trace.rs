//! Traceability: merchants append hashes of off-chain records to the NFTs of their orders.

use crate::*;
use despend_primitives::OrderId;
use frame_support::pallet_prelude::*;
use sp_core::H256;

impl<T: Config> Pallet<T> {
	/// Append `record_hash` to the traceability records of `item`, on behalf of `who`.
	///
	/// Errors: `UnknownItem`, `NotOrderMerchant` (`who` did not sell the item's order),
	/// `TooManyTraceRecords` (already `MaxTraceRecords`).
	pub(crate) fn do_append_trace(
		who: T::AccountId,
		item: OrderId,
		record_hash: H256,
	) -> DispatchResult {
		let record = Items::<T>::get(item).ok_or(Error::<T>::UnknownItem)?;
		ensure!(record.merchant == who, Error::<T>::NotOrderMerchant);
		let appended_at = frame_system::Pallet::<T>::block_number();
		Traces::<T>::try_mutate(item, |traces| {
			traces
				.try_push(TraceRecord { record_hash, appended_at })
				.map_err(|_| Error::<T>::TooManyTraceRecords)
		})?;
		Self::deposit_event(Event::TraceAppended { item, merchant: who, record_hash });
		Ok(())
	}
}
