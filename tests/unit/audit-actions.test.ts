/**
 * Every action the code writes to the audit log can be read in the chamber's log as a sentence:
 * it is one of `auditActions` (the log's filter and its `known` flag), with a sentence and a
 * filter label in every locale. Actions are found in the source itself, with TypeScript's own
 * checker: each object literal given to `recordAudit` (directly, or typed as an `AuditEntry`),
 * its `action` expanded from literal types (`fair_stand.${"accept" | "decline"}` → both).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { auditActionKey, auditActions } from "~/models/audit-options";
import { locales } from "~/i18n/config";

const root = path.resolve(__dirname, "../..");

type Found = { file: string; line: number; text: string; actions: string[] | null };

/** The `action` of every audit entry written in app/ and scripts/, with where it is written. */
function recordedActions(): Found[] {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, "tsconfig.json"), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  });
  if (!config) throw new Error("tsconfig.json not read");
  // Only files that name an audit entry: their imports come along, and the checker is lazy.
  const writers = config.fileNames.filter(
    (f) =>
      /^(app|scripts)[/\\]/.test(path.relative(root, f)) &&
      /\b(recordAudit|AuditEntry)\b/.test(readFileSync(f, "utf8")),
  );
  const program = ts.createProgram(writers, config.options);
  const checker = program.getTypeChecker();

  const auditFile = program.getSourceFile(path.join(root, "app/models/audit.server.ts"));
  if (!auditFile) throw new Error("app/models/audit.server.ts not in the program");
  const entryType = auditFile.statements.find(
    (s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === "AuditEntry",
  );
  if (!entryType) throw new Error("AuditEntry not found");
  const actionDeclaration = checker.getTypeAtLocation(entryType.name).getProperty("action")
    ?.declarations?.[0];
  if (!actionDeclaration) throw new Error("AuditEntry.action not found");

  /** An object literal is an audit entry when what it is written into has AuditEntry's `action`. */
  const isEntry = (object: ts.ObjectLiteralExpression) => {
    const contextual = checker.getContextualType(object);
    if (!contextual) return false;
    const members = contextual.isUnion() ? contextual.types : [contextual];
    return members.some((m) => m.getProperty("action")?.declarations?.includes(actionDeclaration));
  };

  /** The strings an expression can be, or null when the types do not say. */
  const strings = (node: ts.Expression): string[] | null => {
    if (ts.isStringLiteralLike(node)) return [node.text];
    if (ts.isTemplateExpression(node)) {
      let out = [node.head.text];
      for (const span of node.templateSpans) {
        const parts = strings(span.expression);
        if (!parts) return null;
        out = out.flatMap((o) => parts.map((p) => o + p + span.literal.text));
      }
      return out;
    }
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) return strings(node.expression);
    return literalsOf(checker.getTypeAtLocation(node));
  };
  const literalsOf = (type: ts.Type): string[] | null => {
    const members = type.isUnion() ? type.types : [type];
    return members.every((m) => m.isStringLiteral())
      ? members.map((m) => (m as ts.StringLiteralType).value)
      : null;
  };

  const found: Found[] = [];
  for (const file of writers) {
    const source = program.getSourceFile(file);
    if (!source) continue;
    const visit = (node: ts.Node) => {
      if (ts.isObjectLiteralExpression(node) && isEntry(node)) {
        for (const prop of node.properties) {
          if (!prop.name || !ts.isIdentifier(prop.name) || prop.name.text !== "action") continue;
          const actions = ts.isPropertyAssignment(prop)
            ? strings(prop.initializer)
            : ts.isShorthandPropertyAssignment(prop)
              ? literalsOf(checker.getTypeAtLocation(prop.name))
              : null;
          found.push({
            file: path.relative(root, file),
            line: source.getLineAndCharacterOfPosition(prop.getStart()).line + 1,
            text: prop.getText(),
            actions,
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

function chamber(locale: string) {
  return JSON.parse(readFileSync(path.join(root, "locales", locale, "chamber.json"), "utf8")) as {
    auditLog: { actions: Record<string, string>; labels: Record<string, string> };
  };
}

describe("the audit log's actions", () => {
  it("knows every action the code records, each read from literal types", { timeout: 180_000 }, () => {
    const found = recordedActions();
    // The scan found the writers (a scan finding nothing would prove nothing).
    expect(found.length).toBeGreaterThanOrEqual(30);
    const where = (f: Found) => `${f.file}:${f.line} ${f.text}`;
    const recorded = new Set(found.flatMap((f) => f.actions ?? []));
    const known = new Set<string>(auditActions);
    expect(
      found.flatMap((f) => (f.actions ?? []).filter((a) => !known.has(a)).map((a) => `${a} (${where(f)})`)),
      "recorded but not in auditActions (app/models/audit-options.ts)",
    ).toEqual([]);
    expect(
      found.filter((f) => f.actions === null).map(where),
      "actions whose possible values the types do not say",
    ).toEqual([]);
    for (const action of ["fair_stand.accept", "shop_order.handover", "policy.update", "listing.reject"])
      expect(recorded, action).toContain(action);
    // And the log's filter offers no action that is never recorded.
    expect(auditActions.filter((a) => !recorded.has(a))).toEqual([]);
  });

  it("has a sentence naming who and what, and a filter label, in every locale", () => {
    const keys = auditActions.map(auditActionKey);
    expect(new Set(keys).size).toBe(auditActions.length);
    for (const locale of locales) {
      const { actions, labels } = chamber(locale).auditLog;
      for (const key of keys) {
        expect(actions[key], `${locale} auditLog.actions.${key}`).toMatch(/\{\{actor\}\}/);
        expect(actions[key], `${locale} auditLog.actions.${key}`).toMatch(/\{\{object\}\}/);
        expect(labels[key]?.trim(), `${locale} auditLog.labels.${key}`).toBeTruthy();
      }
      // No sentence left for an action that is gone.
      expect(Object.keys(actions).sort(), locale).toEqual([...keys].sort());
      expect(Object.keys(labels).sort(), locale).toEqual([...keys].sort());
    }
  });

  it("writes Arabic sentences with Arabic punctuation", () => {
    const { actions, labels } = chamber("ar").auditLog;
    for (const [key, text] of Object.entries({ ...actions, ...labels })) {
      expect(text, key).not.toMatch(/[,;?“”"]/);
      // Guillemets hug their words in Arabic: «كلمة», not « mot ».
      expect(text, key).not.toMatch(/«\s|\s»/);
    }
  });
});
