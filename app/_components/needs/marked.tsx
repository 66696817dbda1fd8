import type { Segment } from '@/server/search/highlight';

/** Search highlight segments as text nodes and <mark> elements — never HTML, whatever a need's author wrote. */
export function Marked({ segments }: { segments: readonly Segment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.hit ? (
          <mark key={i} className="rounded-sm bg-amber-100 text-inherit">
            {s.text}
          </mark>
        ) : (
          // Plain text nodes: a card list stays small (no wrapper per segment).
          s.text
        ),
      )}
    </>
  );
}
