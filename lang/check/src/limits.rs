//! The limits on money and hours that no real contract reaches (spec section 7), in one place: the checker
//! enforces them on a contract's amounts (E0042), and evaluation on what an event brings in (an amount, hours)
//! and on what events add up to (a month's hours). Within them, every sum evaluation makes fits the exact
//! decimal type with a wide margin, so no arithmetic on money or hours can overflow.

use rust_decimal::Decimal;

/// The largest amount a `pay` statement or an event may state: 10^12 (a million million) in the currency, per
/// month, day or hour.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(0xD4A5_1000, 0xE8, 0, false, 0);

/// The most decimals an amount in an event may have: whole øre (cents).
pub const AMOUNT_DECIMALS: u32 = 2;

/// The most hours one event may report or confirm: 10,000.
pub const MAX_EVENT_HOURS: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);

/// The most decimals hours in an event may have: hundredths of an hour.
pub const HOURS_DECIMALS: u32 = 2;

/// The most hours of one item that the events of one month may report, and the most they may confirm:
/// 1,000,000.
pub const MAX_MONTH_HOURS: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limits_are_the_round_numbers_the_spec_states() {
        assert_eq!(MAX_AMOUNT, Decimal::from(1_000_000_000_000_i64));
        assert_eq!(MAX_EVENT_HOURS, Decimal::from(10_000));
        assert_eq!(MAX_MONTH_HOURS, Decimal::from(1_000_000));
        // The largest line: the largest hourly rate for the most hours of a month, 10^18, held exactly.
        let line = MAX_AMOUNT.checked_mul(MAX_MONTH_HOURS).unwrap();
        assert_eq!(line, Decimal::from(1_000_000_000_000_000_000_i64));
    }
}
