//! A bounded fuzzing run for the test command: pseudo-random inputs (a fixed seed, so a failure
//! reproduces) for `FUZZ_SECONDS` (default 120) or `FUZZ_INPUTS` inputs, whichever ends first.
//! A failing input is printed in hex and runs again alone with `FUZZ_REPLAY=<hex>`;
//! `scripts/fuzz.sh` runs coverage-guided and longer.

use std::time::{Duration, Instant};

/// xorshift64*: enough to spread inputs, reproducible from the seed.
struct Rng(u64);

impl Rng {
	fn next(&mut self) -> u64 {
		self.0 ^= self.0 >> 12;
		self.0 ^= self.0 << 25;
		self.0 ^= self.0 >> 27;
		self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
	}
	fn input(&mut self) -> Vec<u8> {
		let len = 64 + (self.next() % 960) as usize;
		(0..len).map(|_| self.next() as u8).collect()
	}
}

fn env(name: &str, default: u64) -> u64 {
	std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[test]
fn random_extrinsic_sequences_keep_every_invariant() {
	if let Ok(replay) = std::env::var("FUZZ_REPLAY") {
		let input: Vec<u8> = (0..replay.len() / 2)
			.filter_map(|i| u8::from_str_radix(replay.get(2 * i..2 * i + 2)?, 16).ok())
			.collect();
		println!("{:?}", despend_fuzz::run(&input));
		return;
	}
	let deadline = Instant::now() + Duration::from_secs(env("FUZZ_SECONDS", 120));
	let inputs = env("FUZZ_INPUTS", u64::MAX);
	let mut rng = Rng(env("FUZZ_SEED", 0x5eed_d5a1_e5c4_a1a5));
	let mut total = despend_fuzz::Stats::default();
	let mut ran = 0u64;
	while ran < inputs && Instant::now() < deadline {
		let input = rng.input();
		let outcome = std::panic::catch_unwind(|| despend_fuzz::run(&input));
		match outcome {
			Ok(stats) => total += stats,
			Err(_) => panic!("input {ran} broke an invariant: 0x{}", hex(&input)),
		}
		ran += 1;
	}
	println!(
		"fuzzed {ran} inputs: {} blocks, {} extrinsics applied ({} succeeded), {} refused, {} \
		 governance calls, {} orders settled, {} review rounds finalized, {} invariant checks \
		 passed",
		total.blocks,
		total.applied,
		total.succeeded,
		total.refused,
		total.governed,
		total.settled,
		total.rounds,
		total.checks
	);
	assert!(ran > 0, "no input ran");
	assert!(total.succeeded > 0, "no extrinsic succeeded: the inputs do not reach the runtime");
	assert!(total.settled > 0, "no order settled: the inputs do not reach settlement");
}

fn hex(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}
