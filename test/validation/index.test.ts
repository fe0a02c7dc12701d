import { describe, it, expect } from 'vitest';
import * as validation from '../../src/validation/index.js';

describe('validation index', () => {
  it('re-exports every module', () => {
    for (const name of [
      'parseHenkilotunnus',
      'maskHenkilotunnus',
      'isValidBusinessId',
      'normalizeBusinessId',
      'businessIdToVat',
      'validateEInvoiceAddress',
      'validateOperatorId',
      'knownOperators',
      'normalizeIban',
      'normalizePhone',
      'isValidPostalCode',
      'normalizePostalCode',
      'containsPaymentCardNumber',
      'luhnValid',
      'isValidFinnishReference',
      'finnishReferenceToRf',
      'isValidRfReference',
    ]) {
      expect(validation).toHaveProperty(name);
    }
  });
});
