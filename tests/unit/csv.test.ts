/** The back office's CSV files (orders, payouts, region stats, impact): one writer, csv-stringify. */
import { describe, expect, it } from "vitest";
import { toCsv } from "~/models/region-stats.server";

describe("toCsv", () => {
  const rows = [
    ["x,y", 'say "hi"'],
    ["=SUM(A1)", "-12.00"],
    ["تعاونية الأطلس", 3],
    ["line\nbreak", "@cmd"],
    ["cr\rhere", "+1"],
  ];
  const csv = toCsv(["a", "b"], rows);

  it("writes RFC 4180: CRLF records, a cell with a comma, quote or line break quoted", () => {
    expect(csv.split("\r\n")).toHaveLength(rows.length + 2);
    expect(csv).toContain('"x,y","say ""hi"""\r\n');
    expect(csv).toContain('"line\nbreak"');
    expect(csv).toContain('"cr\rhere"');
  });

  it("makes text of what a spreadsheet would run as a formula (=, +, -, @ first)", () => {
    expect(csv).toContain("'=SUM(A1),'-12.00\r\n");
    expect(csv).toContain(",'@cmd\r\n");
    expect(csv).toContain(",'+1\r\n");
    expect(csv).toContain("تعاونية الأطلس,3\r\n");
  });

  it("is exactly this file", () => {
    expect(csv).toBe(
      'a,b\r\n"x,y","say ""hi"""\r\n\'=SUM(A1),\'-12.00\r\nتعاونية الأطلس,3\r\n"line\nbreak",\'@cmd\r\n"cr\rhere",\'+1\r\n',
    );
  });
});
