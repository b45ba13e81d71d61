/** Keys on the result list: ↓ from the box into the results, ↓/↑ through their links, Esc back to the box. */
export function resultKeys(input: HTMLInputElement, list: HTMLElement): void {
  const links = () => Array.from(list.querySelectorAll<HTMLAnchorElement>('a[href]'));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && links().length) {
      e.preventDefault();
      links()[0]!.focus();
    }
  });
  list.addEventListener('keydown', (e) => {
    const all = links();
    const i = all.indexOf(document.activeElement as HTMLAnchorElement);
    if (i < 0) return;
    if (e.key === 'ArrowDown' && i + 1 < all.length) all[i + 1]!.focus();
    else if (e.key === 'ArrowUp') (i > 0 ? all[i - 1]! : input).focus();
    else if (e.key === 'Escape') input.focus();
    else return;
    e.preventDefault();
  });
}
