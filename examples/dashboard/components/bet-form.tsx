"use client";

import { useActionState } from "react";
import { clv, recordBet, settle, type BetFormState, type ButtonState } from "@/app/actions";
import { BET_FIELDS } from "@/lib/bet-fields";

/** An event a bet can be recorded on. */
export interface EventChoice {
  id: string;
  name: string;
}

function Field({
  name,
  label,
  state,
  children,
}: {
  name: string;
  label: string;
  state: BetFormState;
  children: (describedBy: string) => React.ReactNode;
}) {
  const id = `${name}-error`;
  return (
    <div className="field">
      <label>
        {label}
        {children(id)}
      </label>
      {state.field === name ? (
        <span className="field-error" id={id} role="alert" data-testid={`error-${name}`}>
          {state.message}
        </span>
      ) : null}
    </div>
  );
}

/** The form that records a bet (`POST /bets` in a server action); a refused field is shown beside it. */
export function BetForm({ events }: { events: EventChoice[] }) {
  const [state, action, pending] = useActionState(recordBet, {});
  const v = state.values ?? {};
  return (
    <form action={action} aria-label="Record a bet">
      <div className="bet-form">
        <Field name="event_id" label="Event" state={state}>
          {(d) => (
            <select name="event_id" defaultValue={v.event_id ?? events[0]?.id} aria-describedby={d} key={v.event_id}>
              {events.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="market" label="Market" state={state}>
          {(d) => (
            <select name="market" defaultValue={v.market ?? "h2h"} aria-describedby={d} key={v.market}>
              <option value="h2h">h2h</option>
              <option value="totals">totals</option>
            </select>
          )}
        </Field>
        <Field name="line" label="Line (totals)" state={state}>
          {(d) => <input name="line" defaultValue={v.line} inputMode="decimal" aria-describedby={d} key={v.line} />}
        </Field>
        <Field name="selection" label="Selection" state={state}>
          {(d) => (
            <select name="selection" defaultValue={v.selection ?? "home"} aria-describedby={d} key={v.selection}>
              {["home", "draw", "away", "over", "under"].map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="bookmaker" label="Bookmaker" state={state}>
          {(d) => <input name="bookmaker" defaultValue={v.bookmaker ?? "pinnacle"} aria-describedby={d} key={v.bookmaker} />}
        </Field>
        <Field name="odds" label="Odds" state={state}>
          {(d) => <input name="odds" defaultValue={v.odds} inputMode="decimal" aria-describedby={d} key={v.odds} />}
        </Field>
        <Field name="stake" label="Stake (€)" state={state}>
          {(d) => <input name="stake" defaultValue={v.stake} inputMode="decimal" aria-describedby={d} key={v.stake} />}
        </Field>
        <Field name="source" label="Source" state={state}>
          {(d) => <input name="source" defaultValue={v.source ?? "manual"} aria-describedby={d} key={v.source} />}
        </Field>
      </div>
      <div className="actions" style={{ marginTop: 10 }}>
        <button type="submit" disabled={pending}>
          Record the bet
        </button>
        {state.recorded ? (
          <span className="ok-note" role="status">
            {state.recorded}
          </span>
        ) : null}
        {state.field && !(BET_FIELDS as readonly string[]).includes(state.field) ? (
          <span className="field-error" role="alert" data-testid="error-form">
            {state.message}
          </span>
        ) : null}
      </div>
    </form>
  );
}

function ActionButton({ run, label }: { run: (s: ButtonState) => Promise<ButtonState>; label: string }) {
  const [state, action, pending] = useActionState(run, {});
  return (
    <form action={action} className="actions">
      <button type="submit" className="secondary" disabled={pending}>
        {label}
      </button>
      {state.message ? <span role="status">{state.message}</span> : null}
      {state.error ? (
        <span className="field-error" role="alert">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}

/** The settle and CLV buttons. */
export function BetActions() {
  return (
    <div className="actions">
      <ActionButton run={settle} label="Settle pending bets" />
      <ActionButton run={clv} label="Compute CLV" />
    </div>
  );
}
