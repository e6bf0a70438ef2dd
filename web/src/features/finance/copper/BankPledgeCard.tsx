/** The bank workbench's card of this bank's 存铜融 pledges and open margin calls (filled by the copper sub-domain). */
export function BankPledgeCard() {
  return null;
}
