export * from './henkilotunnus.js';
export * from './business-id.js';
export * from './einvoice.js';
export * from './iban.js';
export * from './phone.js';
export * from './postal-code.js';
export * from './payment-card.js';
export * from './creditor-reference.js';
