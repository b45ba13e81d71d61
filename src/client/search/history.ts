/**
 * The search's place in the browser history. Typing replaces the current entry after its first
 * keystroke; Enter, a pause in typing, a filter or a sort change start a new one, so back/forward
 * step between searches.
 */
import { readState, sameState, writeState, type SearchState } from '../../lib/search/state.ts';

/** A pause in typing this long makes the search a history entry of its own. */
const SETTLE_MS = 1500;

export type CommitHow = 'typing' | 'push' | 'replace';

export class SearchHistory {
  #state: SearchState = readState(location.search);
  /** The current history entry was made by typing: further keystrokes replace it. */
  #typingEntry = false;
  #settleTimer: ReturnType<typeof setTimeout> | undefined;

  get state(): SearchState {
    return this.#state;
  }

  #url(s: SearchState): string {
    return `${location.pathname}${writeState(s)}`;
  }

  commit(next: SearchState, how: CommitHow): void {
    const changed = !sameState(next, this.#state);
    if (how === 'typing') {
      if (!changed) return;
      if (this.#typingEntry) history.replaceState(null, '', this.#url(next));
      else history.pushState(null, '', this.#url(next));
      this.#typingEntry = true;
      clearTimeout(this.#settleTimer);
      this.#settleTimer = setTimeout(() => (this.#typingEntry = false), SETTLE_MS);
    } else {
      this.#endTyping();
      if (how === 'push' && changed) history.pushState(null, '', this.#url(next));
      else if (changed) history.replaceState(null, '', this.#url(next));
    }
    this.#state = next;
  }

  /** Back or forward: the state is the URL's again. */
  reread(): void {
    this.#endTyping();
    this.#state = readState(location.search);
  }

  #endTyping(): void {
    clearTimeout(this.#settleTimer);
    this.#typingEntry = false;
  }
}
