//! The Peppol Invoice Response (UBL ApplicationResponse) for an audited invoice.
