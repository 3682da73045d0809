//! Folding in a signature of an amendment (spec 9.13, `amended`): one proposal per text and effective day, its
//! effective day within the contract's days as the versions in force state them, and a text that would end the
//! contract before it takes effect refused.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use cvl_check::model::PartyId;
use cvl_event::{Event, Refusal, RefusalKind};

use super::{Amendment, Signed, State};

impl State<'_> {
    /// Folds in one signature of an amendment (spec 9.13): every signature names the same effective day, which
    /// falls within the contract's days: not before the contract is signed by all, not after its end where the text
    /// and the events so far fix one.
    pub(super) fn amend(
        &mut self,
        event: &Event,
        actor: PartyId,
        signed: Signed,
        contract: String,
        effective: NaiveDate,
    ) -> Result<(), Refusal> {
        let refuse = |reason: String| Err(event.refusal(RefusalKind::Amendment, reason));
        let signing = self
            .contract
            .signatories
            .iter()
            .map(|p| self.signatures.get(p).map(|s| s.date))
            .collect::<Option<Vec<_>>>()
            .and_then(|dates| dates.into_iter().max());
        let Some(signing) = signing else {
            return refuse(
                "amends the contract before it is signed by all: an amendment changes a signed contract"
                    .to_string(),
            );
        };
        if effective < signing {
            return refuse(format!(
                "the amendment is effective {effective}, before the contract was signed on {signing}"
            ));
        }
        if let Some(start) = self.start
            && let Some(end) = crate::decide::last_day(self, start)
            && effective > end
        {
            return refuse(format!(
                "the amendment is effective {effective}, after the contract's last day, {end}"
            ));
        }
        // A signature joins the proposal of its text and effective day; one naming another day than a proposal of
        // the same text still being signed is refused as a repeat (the parties disagree on the day); once that
        // proposal is done, the same text from another day is a new proposal (amended back to it).
        let key = (contract, effective);
        let index = match self.amendment_index.get(&key) {
            Some(index) => *index,
            None => {
                if let Some(pending) = self
                    .amendments
                    .iter()
                    .find(|a| a.contract == key.0 && a.done(self.contract).is_none())
                {
                    let first = pending
                        .signatures
                        .values()
                        .next()
                        .map_or("", |s| s.event.as_str());
                    return Err(event.refusal(
                        RefusalKind::Repeated,
                        format!(
                            "names the effective day {effective}, but this amendment was signed effective {} by event `{first}`",
                            pending.effective
                        ),
                    ));
                }
                let index = self.amendments.len();
                self.amendments.push(Amendment {
                    contract: key.0.clone(),
                    effective,
                    signatures: BTreeMap::new(),
                });
                self.amendment_index.insert(key, index);
                index
            }
        };
        if let Some(first) = self
            .amendments
            .get(index)
            .and_then(|a| a.signatures.get(&actor))
        {
            return Err(event.refusal(
                RefusalKind::Repeated,
                format!(
                    "`{}` already signed this amendment, by event `{}`",
                    actor.0, first.event
                ),
            ));
        }
        self.ends_in_force(event, index, &actor)?;
        let Some(amendment) = self.amendments.get_mut(index) else {
            return Ok(());
        };
        amendment.signatures.insert(actor, signed);
        Ok(())
    }

    /// Refuses the signature that completes an amendment whose text, when known, ends the contract before the
    /// amendment takes effect (spec 9.13): its `ends on` date, or its `ends after` counted from the start, falls
    /// before its effective day, so that no day of it would be in force.
    fn ends_in_force(&self, event: &Event, index: usize, actor: &PartyId) -> Result<(), Refusal> {
        let Some(amendment) = self.amendments.get(index) else {
            return Ok(());
        };
        let (contract, effective) = (amendment.contract.as_str(), amendment.effective);
        let completes = self
            .contract
            .signatories
            .iter()
            .all(|p| p == actor || amendment.signatures.contains_key(p));
        let (Some(start), Some(text)) = (self.start, self.text_of(contract)) else {
            return Ok(());
        };
        match crate::decide::text_end(self, text, start, false) {
            Some(end) if completes && end < effective => Err(event.refusal(
                RefusalKind::Amendment,
                format!(
                    "the amended text ends the contract on {end}, before the amendment is effective on {effective}: no day of it would be in force"
                ),
            )),
            _ => Ok(()),
        }
    }
}
