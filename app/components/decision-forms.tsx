import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField } from "./form";

type Failure = { errors?: Record<string, string>; values?: Record<string, string> } | undefined;

/**
 * The chamber's two answers to something waiting for it: approve, or reject with one of its
 * reasons (never free text the other side could not read in its language) and a note. A
 * listing or profile change has one pair of forms a page (`target` unset, ids `field-…`); a
 * buyer's review and the shop's answer to it have one each (`target` is posted, ids and an
 * error belong to that target).
 */
export function DecisionForms({
  target,
  reasons,
  failure,
  approveLabel,
  rejectLabel,
}: {
  target?: "review" | "reply";
  reasons: readonly { code: string; label: { text: string } }[];
  failure: Failure;
  approveLabel: string;
  rejectLabel: string;
}) {
  const { t } = useTranslation();
  // The failure of the other target's forms is not this one's.
  const own = target === undefined || failure?.values?.target === target ? failure : undefined;
  const idPrefix = target ?? "field";
  const hidden = (decision: "approve" | "reject") => (
    <>
      {target ? <input type="hidden" name="target" value={target} /> : null}
      <input type="hidden" name="decision" value={decision} />
    </>
  );
  return (
    <div className="side-by-side">
      <Form method="post" className="stack">
        {hidden("approve")}
        <button type="submit" className="button" data-testid={target ? `approve-${target}` : undefined}>
          {approveLabel}
        </button>
      </Form>
      <Form method="post" className="stack" noValidate>
        {hidden("reject")}
        <SelectField
          id={`${idPrefix}-reason`}
          name="reason"
          label={t("chamber:review.reason")}
          placeholder={t("chamber:review.chooseReason")}
          options={reasons.map((r) => ({ value: r.code, label: r.label.text }))}
          errors={own?.errors}
          values={own?.values}
        />
        <div className="field">
          <label htmlFor={`${idPrefix}-note`}>{t("chamber:review.note")}</label>
          <textarea id={`${idPrefix}-note`} name="note" rows={3} defaultValue={own?.values?.note ?? ""} />
        </div>
        <button
          type="submit"
          className="button button--danger"
          data-testid={target ? `reject-${target}` : undefined}
        >
          {rejectLabel}
        </button>
      </Form>
    </div>
  );
}
