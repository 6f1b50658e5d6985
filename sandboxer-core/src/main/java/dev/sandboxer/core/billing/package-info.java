/**
 * What a sandbox cost (DESIGN §7, docs/billing.md): price sheets in force ({@link PriceSheets}), estimates
 * and budgets ({@link Billing}), metering from the time spent in each state ({@link Usage}), the double-entry
 * credits ledger ({@link Ledger}), provider keys sealed with AES-GCM ({@link ProviderKeys}) and the billing
 * export ({@link BillingExport}). Money is integer minor units everywhere.
 */
package dev.sandboxer.core.billing;
