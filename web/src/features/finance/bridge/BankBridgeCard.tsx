/** The bank workbench's card of bridge loans waiting for this bank's 续贷承诺 (filled by the bridge sub-domain). */
export function BankBridgeCard() {
  return null;
}
