// The offline-work strings in both languages: the same keys and placeholders in English and
// Traditional Chinese, and Chinese text in every Chinese string.
import { describe } from 'vitest';
import { itHasBothLanguages } from '../support/translations';

describe('the offline-work translations', () => {
  itHasBothLanguages('offline');
});
