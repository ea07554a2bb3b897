import type { ApiError } from "@/lib/api";

/** A key figure with its name. */
export function Kpi({ name, value, note, testId }: { name: string; value: string; note?: string; testId?: string }) {
  return (
    <div className="kpi">
      <div className="kpi-name">{name}</div>
      <div className="kpi-value" data-testid={testId}>
        {value}
      </div>
      {note ? <div className="kpi-note">{note}</div> : null}
    </div>
  );
}

/** What could not be loaded, and why (the page still renders around it). */
export function Unavailable({ what, error }: { what: string; error: ApiError }) {
  return (
    <p className="error-note" role="status">
      {what} cannot be shown: {error.message}
    </p>
  );
}

/** A message from the npm package or the API beside a form field. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <span className="field-error" id={id} role="alert">
      {message}
    </span>
  ) : null;
}

/** A scrollable table container, reachable with the keyboard and named for screen readers. */
export function TableWrap({ label, children, style }: { label: string; children: React.ReactNode; style?: React.CSSProperties }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={label} style={style}>
      {children}
    </div>
  );
}

/** A table's header row; the columns named in `num` hold numbers (right-aligned). */
export function Head({ cols, num = [] }: { cols: string[]; num?: string[] }) {
  return (
    <thead>
      <tr>
        {cols.map((c) => (
          <th key={c} className={num.includes(c) ? "num" : undefined}>
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}
