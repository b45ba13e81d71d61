/**
 * Which addresses a report's metadata may give as where it was first published. Only these are
 * linked as "Original report"; any other address (a TOML can say anything) is shown as text and
 * reported, so the archive never vouches for a link nobody checked.
 */
const KNOWN_UPSTREAM = [
  /^https:\/\/gitlab\.com\/qemu-project\/[^\s]+$/,
  /^https:\/\/bugs\.launchpad\.net\/[^\s]+$/,
  /^https:\/\/github\.com\/(?:ptitSeb\/box64|FEX-Emu\/FEX)\/issues\/\d+$/,
];

export function isKnownUpstreamUrl(url: string): boolean {
  return KNOWN_UPSTREAM.some((re) => re.test(url));
}
