/**
 * The case kit, part 1: a workflow as data. A case type (诉求, 办件, 申报, 整改, and every later one)
 * declares its states, actions, parties and transitions `{ from, action, to, who, guard }` with
 * Chinese labels; `defineWorkflow` turns that table into the lookups every case type needs:
 * finding the transition for an action (or the 409 / 403 / 400 that says why not, in Chinese),
 * the actions open to an actor for the buttons, and the state a transition leads to.
 *
 * Nothing here reads the database: `commit.ts` applies a checked transition (conditional update,
 * timeline event, audit entry and notifications in the caller's transaction).
 */
import { AppError, forbidden, invalidState } from '../errors.js';

export type GuardFailure = { path: string; message: string };

/**
 * Where a transition leads: a state; `same` (an event that changes no state: reassign, remind);
 * `resume` (back to the state a pause interrupted, see `Workflow.resume`); or a function of the
 * input and the case (a verdict that either closes or reopens).
 */
export type Target<S extends string, I, C> = S | 'same' | 'resume' | ((input: I, state: C) => S);

export type Transition<S extends string, A extends string, P extends string, I = unknown, C = unknown> = {
  /** States the action applies in; `null` for the creating transition (no state yet). */
  from: readonly S[] | null;
  action: A;
  to: Target<S, I, C>;
  /** The parties that may take it (any of them). */
  who: readonly P[];
  /** Input the transition needs beyond who and when; a failure is a 400 naming the field. */
  guard?: (input: I, state: C) => GuardFailure | null;
  /** The timeline event written, where it differs from the action (申报: `pass` → `first_pass`). */
  event?: string;
};

export type WorkflowSpec<S extends string, A extends string, P extends string, I, C extends { status: S }> = {
  /** What a case of this type is called in messages: 诉求, 办件, 申报, 整改. */
  subject: string;
  /** How a 409 names the state: `诉求当前状态为“已签收”` (default `${subject}当前状态为“…”`). */
  stateMessage?: (stateLabel: string) => string;
  states: Readonly<Record<S, string>>;
  /** The verb of each action as the 409 says it (不能签收). */
  actions: Readonly<Record<A, string>>;
  /** The verb of each event as the 403 says it, where it differs from `actions` (keyed by event). */
  events?: Readonly<Record<string, string>>;
  /** Who each party is, as the 403 says it (只有首接负责人或调度专班可以…). */
  parties: Readonly<Record<P, string>>;
  /** The whole 403 text of an action, where naming its parties does not say it (整改: 只有负责整改的经办人…). */
  forbidden?: Readonly<Partial<Record<A, string>>>;
  transitions: readonly Transition<S, A, P, I, C>[];
  /** The person-taken actions in the order the buttons show them. */
  buttons: readonly A[];
  /**
   * An input that satisfies every input check, used to ask a guard whether the case's state
   * alone forbids an action (such an action gets no button). Omit when guards look at input only.
   */
  probeInput?: I;
  /** For `to: 'resume'`: the state the case returns to after a pause. */
  resume?: (state: C) => S;
};

export type Workflow<S extends string, A extends string, P extends string, I, C extends { status: S }> = WorkflowSpec<S, A, P, I, C> & {
  /** The transition for `action` from `status`, or null. */
  find(status: S, action: A): Transition<S, A, P, I, C> | null;
  /** The creating transition of `action` (from: null). */
  creation(action: A): Transition<S, A, P, I, C> | null;
  /** Every state `action` applies in, in table order: what a sweep selects its cases by. */
  statesFor(action: A): S[];
  /** Whether any of the actor's parties may take it. */
  mayTake(transition: Transition<S, A, P, I, C>, parties: ReadonlySet<P>): boolean;
  /**
   * Whether any transition of `action`, in any state, names one of the parties: for a case type
   * that answers "not your step" (403) before "not now" (409), checked ahead of `check`.
   */
  mayEverTake(action: A, parties: ReadonlySet<P>): boolean;
  /** The first of the actor's parties the transition names: the capacity the person acted in. */
  partyFor(transition: Transition<S, A, P, I, C>, parties: ReadonlySet<P>): P | undefined;
  /** The state the transition leads to from this case. */
  target(transition: Transition<S, A, P, I, C>, state: C, input: I): S;
  /** The buttons: actions open to these parties in this state (guards on state alone included). */
  allowedActions(state: C, parties: ReadonlySet<P>): A[];
  /**
   * The transition the actor asks for, checked in the order the API promises: wrong state 409,
   * wrong person 403, missing input 400 (naming the field).
   */
  check(state: C, action: A, parties: ReadonlySet<P>, input: I): Transition<S, A, P, I, C>;
  invalidStateMessage(status: S, action: A): string;
  forbiddenMessage(transition: Transition<S, A, P, I, C>): string;
  /** The event a transition writes on the timeline. */
  eventOf(transition: Transition<S, A, P, I, C>): string;
};

/**
 * The types of a defined workflow, read back from it, so a module declares no workflow type of
 * its own: `PartyOf<typeof demandWorkflow>` for `partiesOf`, `CaseStateOf<…>` for what the guards
 * read of a case.
 */
export type PartyOf<W> = W extends Workflow<any, any, infer P, any, any> ? P : never;
export type CaseStateOf<W> = W extends Workflow<any, any, any, any, infer C> ? C : never;

/** The input of a workflow whose guards read only the note. */
export type NoteInput = { note?: string | null };

/** A guard: the note (意见/理由) must have at least two characters. */
export const requireNote =
  (message: string) =>
  (input: NoteInput): GuardFailure | null =>
    input.note && input.note.trim().length >= 2 ? null : { path: 'note', message };

/** Turns a transition table into the kit's lookups; see `Workflow`. */
export function defineWorkflow<S extends string, A extends string, P extends string, I, C extends { status: S }>(
  spec: WorkflowSpec<S, A, P, I, C>,
): Workflow<S, A, P, I, C> {
  type T = Transition<S, A, P, I, C>;
  // action → transitions, so a lookup is one small scan whatever the table's size.
  const byAction = new Map<A, T[]>();
  for (const t of spec.transitions) {
    const list = byAction.get(t.action) ?? [];
    list.push(t);
    byAction.set(t.action, list);
  }
  const find = (status: S, action: A): T | null => byAction.get(action)?.find((t) => t.from !== null && t.from.includes(status)) ?? null;
  const mayTake = (t: T, parties: ReadonlySet<P>) => t.who.some((p) => parties.has(p));
  const eventOf = (t: T) => t.event ?? t.action;
  const stateMessage = spec.stateMessage ?? ((label: string) => `${spec.subject}当前状态为“${label}”`);
  const invalidStateMessage = (status: S, action: A) => `${stateMessage(spec.states[status] ?? status)},不能${spec.actions[action] ?? action}`;
  const forbiddenMessage = (t: T) => {
    const whole = spec.forbidden?.[t.action];
    if (whole) return whole;
    const verb = spec.events?.[eventOf(t)] ?? spec.actions[t.action] ?? t.action;
    return `只有${t.who.map((p) => spec.parties[p] ?? p).join('或')}可以${verb}`;
  };
  return {
    ...spec,
    find,
    creation: (action) => byAction.get(action)?.find((t) => t.from === null) ?? null,
    statesFor: (action) => [...new Set((byAction.get(action) ?? []).flatMap((t) => t.from ?? []))],
    mayTake,
    mayEverTake: (action, parties) => (byAction.get(action) ?? []).some((t) => mayTake(t, parties)),
    partyFor: (t, parties) => t.who.find((p) => parties.has(p)),
    target(t, state, input) {
      if (t.to === 'same') return state.status;
      if (t.to === 'resume') {
        if (!spec.resume) throw new Error(`workflow ${spec.subject}: transition ${t.action} resumes but the workflow has no resume()`);
        return spec.resume(state);
      }
      if (typeof t.to === 'function') return t.to(input, state);
      return t.to;
    },
    allowedActions(state, parties) {
      return spec.buttons.filter((action) => {
        const t = find(state.status, action);
        if (!t || !mayTake(t, parties)) return false;
        if (!t.guard || spec.probeInput === undefined) return true;
        return t.guard(spec.probeInput, state) === null;
      });
    },
    check(state, action, parties, input) {
      const t = find(state.status, action);
      if (!t) throw invalidState(invalidStateMessage(state.status, action));
      if (!mayTake(t, parties)) throw forbidden(forbiddenMessage(t));
      const failure = t.guard?.(input, state);
      if (failure) throw new AppError('VALIDATION_FAILED', failure.message, [failure]);
      return t;
    },
    invalidStateMessage,
    forbiddenMessage,
    eventOf,
  };
}
