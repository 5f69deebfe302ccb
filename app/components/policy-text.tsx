import type { ReactNode } from "react";

/**
 * A policy page's text as the chamber typed it: paragraphs separated by an empty line, `## `
 * starting a heading, `- ` a list item. Plain text only, rendered by React: nothing typed can
 * become markup.
 */
export function PolicyText({ text, lang }: { text: string; lang: string }) {
  const blocks = text.replace(/\r\n?/g, "\n").split(/\n{2,}/);
  const out: ReactNode[] = [];
  blocks.forEach((block, i) => {
    const lines = block.split("\n").filter((l) => l.trim() !== "");
    if (lines.length === 0) return;
    let rest = lines;
    if (rest[0].startsWith("## ")) {
      out.push(<h2 key={`h${i}`}>{rest[0].slice(3).trim()}</h2>);
      rest = rest.slice(1);
    }
    if (rest.length === 0) return;
    if (rest.every((l) => l.startsWith("- "))) {
      out.push(
        <ul key={`l${i}`}>
          {rest.map((l, j) => (
            <li key={j}>{l.slice(2).trim()}</li>
          ))}
        </ul>,
      );
    } else {
      out.push(
        <p key={`p${i}`}>
          {rest.map((l, j) => (
            <span key={j}>
              {j > 0 ? <br /> : null}
              {l}
            </span>
          ))}
        </p>,
      );
    }
  });
  return (
    <div className="policy-text" lang={lang} dir="auto">
      {out}
    </div>
  );
}
