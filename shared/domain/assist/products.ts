// The product alias table: the names a claimed product goes by in documents (abbreviations, earlier
// names, zh-TW names), and where a product is named in a text. One row per product, matched on folded text.
import { findFuzzyWords, findWord, foldForMatch, isCjk } from './text';

export interface ProductAliases {
  /** A stable key for the product. */
  key: string;
  /** The official name first, then aliases. Generic words ("Teams", "Power BI") are deliberately absent when they also mean other things. */
  names: readonly string[];
}

export const PRODUCT_ALIASES: readonly ProductAliases[] = [
  {
    key: 'd365-sales',
    names: [
      'Dynamics 365 Sales',
      'D365 Sales',
      'Dynamics 365 for Sales',
      'D365 for Sales',
      'Dynamics CRM Online',
      'Dynamics 365 Sales Enterprise',
      'Dynamics 365 Sales Professional',
      'Microsoft Dynamics CRM',
      'Dynamics 365 銷售',
    ],
  },
  {
    key: 'd365-customer-service',
    names: ['Dynamics 365 Customer Service', 'D365 Customer Service', 'D365 CS', 'Dynamics 365 for Customer Service', 'Dynamics 365 客戶服務'],
  },
  {
    key: 'd365-finance',
    names: ['Dynamics 365 Finance', 'D365 Finance', 'D365 F&O', 'D365 F&SCM', 'Dynamics 365 Finance and Operations', 'Dynamics AX', 'Dynamics 365 財務'],
  },
  { key: 'd365-business-central', names: ['Dynamics 365 Business Central', 'D365 Business Central', 'D365 BC', 'Business Central', 'Dynamics NAV'] },
  { key: 'power-bi-pro', names: ['Power BI Pro', 'PBI Pro', 'PowerBI Pro', 'Power BI Professional', 'Power BI 專業版'] },
  { key: 'power-apps', names: ['Power Apps', 'PowerApps', 'Power Apps Premium', 'Power Apps per user'] },
  { key: 'power-automate', names: ['Power Automate', 'Microsoft Flow', 'Power Automate Premium', 'PowerAutomate'] },
  { key: 'teams', names: ['Microsoft Teams', 'MS Teams', 'Teams Phone', 'Teams Premium', 'Microsoft Teams 會議'] },
  { key: 'exchange-online', names: ['Exchange Online', 'EXO', 'Microsoft Exchange Online', 'Exchange Online Plan 1', 'Exchange Online Plan 2'] },
  { key: 'sharepoint-online', names: ['SharePoint Online', 'SPO', 'Microsoft SharePoint Online', 'SharePoint', 'SharePoint 線上版'] },
  {
    key: 'm365-copilot',
    names: ['Microsoft 365 Copilot', 'M365 Copilot', 'Copilot for Microsoft 365', 'Microsoft Copilot for Microsoft 365', 'Copilot for M365'],
  },
  { key: 'intune', names: ['Microsoft Intune', 'Intune', 'Endpoint Manager', 'Microsoft Endpoint Manager', 'MEM Intune'] },
];

/** The names to look for when a claim names this product: the table's row, or the claimed name alone. */
export function aliasesOf(productName: string): string[] {
  const folded = foldForMatch(productName);
  const row = PRODUCT_ALIASES.find((r) => r.names.some((n) => foldForMatch(n) === folded));
  return row ? [...row.names] : [productName];
}

/** Where in folded `text` a product is named: the alias used and its index, or null. Longest alias wins. `ocr`: tolerate OCR misreads of long names. */
export function findProduct(foldedText: string, productName: string, ocr = false): { alias: string; index: number; length: number } | null {
  const names = aliasesOf(productName).sort((a, b) => b.length - a.length);
  for (const name of names) {
    const f = foldForMatch(name);
    const hit = findWord(foldedText, f)[0];
    if (hit !== undefined) return { alias: name, index: hit, length: f.length };
    // "PowerBI Pro" written without the space, or with one more
    const squeezed = f.replace(/ /g, '');
    if (squeezed.length >= 6 && squeezed !== f) {
      const hit2 = findWord(foldedText, squeezed)[0];
      if (hit2 !== undefined) return { alias: name, index: hit2, length: squeezed.length };
    }
  }
  if (ocr) {
    // word by word: a misread letter in a long word, never another product's short word ("Dynamics AX" ≠ "Dynamics 365")
    for (const name of names) {
      const f = foldForMatch(name);
      if (f.length < 10 || isCjk(f)) continue;
      const hit = findFuzzyWords(foldedText, f, 2);
      if (hit) return { alias: name, index: hit.index, length: hit.length };
    }
  }
  return null;
}
