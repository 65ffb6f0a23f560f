import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { api, query } from '../api.js';
import { navigate } from '../router.js';
import type { SearchHit } from '../types.js';

/**
 * Fuzzy entity search (the server's name matcher: transliteration, phonetics, token order).
 * Typing waits 200 ms before asking; Enter or a click opens the entity; "/" focuses the box.
 */
export function SearchBox(props: { onPick?: (hit: SearchHit) => void; placeholder?: string; testId?: string }): ReactNode {
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const global = props.onPick === undefined;

  useEffect(() => {
    if (!global) return;
    const onKey = (e: globalThis.KeyboardEvent): void => {
      const target = e.target as HTMLElement;
      if (e.key === '/' && !['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) {
        e.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [global]);

  useEffect(() => {
    if (q.trim().length < 2) {
      setHits([]);
      return;
    }
    let live = true;
    const timer = window.setTimeout(() => {
      api
        .get<{ items: SearchHit[] }>(`/api/entities/search${query({ q: q.trim(), threshold: 0.6, limit: 12 })}`)
        .then((answer) => {
          if (!live) return;
          setHits(answer.items);
          setActive(0);
          setOpen(true);
        })
        .catch((err: unknown) => console.warn('search failed', err));
    }, 200);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [q]);

  const pick = (hit: SearchHit): void => {
    setOpen(false);
    setQ('');
    if (props.onPick) props.onPick(hit);
    else navigate(`/entities/${encodeURIComponent(hit.id)}`);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, hits.length - 1));
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
    else if (e.key === 'Enter' && hits[active]) pick(hits[active]);
    else if (e.key === 'Escape') setOpen(false);
    else return;
    e.preventDefault();
  };

  return (
    <div className="search">
      <input
        ref={input}
        type="search"
        value={q}
        placeholder={props.placeholder ?? 'Search entities (press /)'}
        aria-label="search entities"
        data-testid={props.testId ?? 'search'}
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={onKeyDown}
        onFocus={() => hits.length > 0 && setOpen(true)}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
      />
      {open && hits.length > 0 && (
        <ul className="search-hits" role="listbox">
          {hits.map((h, i) => (
            <li
              key={h.id}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(h);
              }}
            >
              <span>{h.name}</span>
              <small>
                {h.schema} · {Math.round(h.score * 100)}%
              </small>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
