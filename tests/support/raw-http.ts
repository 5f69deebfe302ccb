/**
 * HTTP/1.1 over a bare socket, for what fetch cannot send: a request target in absolute
 * form, a Content-Length the body never reaches, a body that stalls half-way. The test
 * writes the bytes it chooses and waits for the server's answer while the body is pending.
 */
import net from "node:net";
import { baseUrl } from "./http";

export type RawResponse = { status: number; headers: Record<string, string>; body: string };

export type RawConnection = {
  /** Writes bytes; resolves when the kernel took them (false: the server closed first). */
  write: (chunk: string | Buffer) => Promise<boolean>;
  /** The response, complete (by Content-Length, chunked end or close), or rejects after `timeoutMs`. */
  response: (timeoutMs: number) => Promise<RawResponse>;
  /** Bytes the test wrote so far. */
  sent: () => number;
  close: () => void;
};

function parse(raw: Buffer): { response: RawResponse; complete: boolean } | null {
  const end = raw.indexOf("\r\n\r\n");
  if (end < 0) return null;
  const [statusLine, ...lines] = raw.subarray(0, end).toString("latin1").split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(":");
    headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  let body = raw.subarray(end + 4);
  let complete = false;
  if (headers["content-length"] !== undefined) {
    complete = body.length >= Number(headers["content-length"]);
  } else if (/chunked/i.test(headers["transfer-encoding"] ?? "")) {
    const pieces: Buffer[] = [];
    let at = 0;
    for (;;) {
      const lineEnd = body.indexOf("\r\n", at);
      if (lineEnd < 0) break;
      const size = Number.parseInt(body.subarray(at, lineEnd).toString("latin1"), 16);
      if (size === 0) {
        complete = true;
        break;
      }
      if (body.length < lineEnd + 2 + size) break;
      pieces.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
    body = Buffer.concat(pieces);
  }
  return {
    response: { status: Number(statusLine.split(" ")[1]), headers, body: body.toString("utf8") },
    complete,
  };
}

export function rawConnection(): Promise<RawConnection> {
  const url = new URL(baseUrl());
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    let closed = false;
    let written = 0;
    const waiters = new Set<() => void>();
    const notify = () => {
      for (const w of waiters) w();
    };
    socket.on("data", (d) => {
      chunks.push(d);
      notify();
    });
    socket.on("close", () => {
      closed = true;
      notify();
    });
    // The server may close while the test is still writing: that is an expected outcome.
    socket.on("error", () => {});
    socket.once("connect", () =>
      resolve({
        sent: () => written,
        write: (chunk) =>
          new Promise((done) => {
            if (closed || socket.destroyed) return done(false);
            written += Buffer.byteLength(chunk);
            socket.write(chunk, (error) => done(!error));
          }),
        response: (timeoutMs) =>
          new Promise((done, fail) => {
            const check = () => {
              const parsed = parse(Buffer.concat(chunks));
              if (parsed && (parsed.complete || closed)) {
                cleanup();
                done(parsed.response);
              } else if (closed) {
                cleanup();
                fail(new Error("the connection closed without a complete response"));
              }
            };
            const timer = setTimeout(() => {
              cleanup();
              fail(new Error(`no complete response within ${timeoutMs} ms`));
            }, timeoutMs);
            const cleanup = () => {
              clearTimeout(timer);
              waiters.delete(check);
            };
            waiters.add(check);
            check();
          }),
        close: () => socket.destroy(),
      }),
    );
    socket.once("error", reject);
  });
}

/** One whole request written at once, e.g. with a target in absolute form. */
export async function rawRequest(
  head: string,
  body: string | Buffer = "",
  timeoutMs = 10_000,
): Promise<RawResponse> {
  const connection = await rawConnection();
  try {
    await connection.write(Buffer.concat([Buffer.from(head, "latin1"), Buffer.from(body)]));
    return await connection.response(timeoutMs);
  } finally {
    connection.close();
  }
}

export function hostHeader() {
  return new URL(baseUrl()).host;
}
