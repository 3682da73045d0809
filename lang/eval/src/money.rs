//! Checked arithmetic on money and hours: every sum, product and difference evaluation makes goes through here,
//! so that a result the exact decimal type cannot hold is an [`Overflow`] the caller turns into a refusal, never
//! a panic or a wrapped value. Within the limits of spec section 7 (cvl-check's limits.rs) none is ever reached:
//! a line is at most 10^18, and a month's total or what is released in it stays far below the type's 7.9 × 10^28
//! for any decision that fits in memory (it would take some 10^10 lines); the checks stand guard all the same.

use rust_decimal::Decimal;

/// A result beyond the exact decimal type, with what it was the result of (`the payments to \`home\` for
/// 2019-03`); its words are the refusal's reason.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0} would be more than CVL can hold exactly (spec section 7)")]
pub(crate) struct Overflow(pub String);

/// `a + b`.
pub(crate) fn add(a: Decimal, b: Decimal, what: &dyn Fn() -> String) -> Result<Decimal, Overflow> {
    a.checked_add(b).ok_or_else(|| Overflow(what()))
}

/// `a - b`.
pub(crate) fn sub(a: Decimal, b: Decimal, what: &dyn Fn() -> String) -> Result<Decimal, Overflow> {
    a.checked_sub(b).ok_or_else(|| Overflow(what()))
}

/// `a × b`.
pub(crate) fn mul(a: Decimal, b: Decimal, what: &dyn Fn() -> String) -> Result<Decimal, Overflow> {
    a.checked_mul(b).ok_or_else(|| Overflow(what()))
}

/// The sum of `amounts`.
pub(crate) fn sum(
    amounts: impl IntoIterator<Item = Decimal>,
    what: &dyn Fn() -> String,
) -> Result<Decimal, Overflow> {
    amounts
        .into_iter()
        .try_fold(Decimal::ZERO, |total, amount| add(total, amount, what))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_result_beyond_the_type_is_an_overflow_not_a_panic() {
        let what = || "the test".to_string();
        assert_eq!(
            add(Decimal::MAX, Decimal::ONE, &what),
            Err(Overflow("the test".to_string()))
        );
        assert!(sub(Decimal::MIN, Decimal::ONE, &what).is_err());
        assert!(mul(Decimal::MAX, Decimal::TWO, &what).is_err());
        assert!(sum([Decimal::MAX, Decimal::MAX], &what).is_err());
        assert_eq!(
            sum([Decimal::ONE, Decimal::TWO], &what),
            Ok(Decimal::from(3))
        );
    }
}
