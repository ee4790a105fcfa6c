// Compiled by scripts/typed-client-check.sh against the clients openapi-typescript generates
// from /api/schema/content/ (content.d.ts) and /api/schema/ (learner.d.ts). It fails to
// compile when lesson blocks or attempts are not fully typed.
import type { components as Content } from "./content";
import type { components as Learner } from "./learner";

// --- Type-level checks: nothing an app reads about lessons or attempts is `unknown` ----------
type IsUnknown<T> = unknown extends T ? true : false;
type AnyUnknown<T> = true extends (T extends unknown ? IsUnknown<T> : never) ? true : false;
type Expect<T extends false> = T;
type ValueOf<U> = U extends { value: infer V } ? V : never;
type Field<U, K extends string> = U extends Record<K, infer V> ? V : never;

type LessonPage = Content["schemas"]["LessonPage"];
type Block = LessonPage["body"][number];
type Attempt = Learner["schemas"]["Attempt"];

export type Checks = [
  Expect<IsUnknown<Block>>,
  Expect<AnyUnknown<ValueOf<Block>>>, // every block type's value is typed
  Expect<IsUnknown<Field<Block, "type">>>,
  Expect<AnyUnknown<Field<Attempt, "exercise">>>,
  Expect<AnyUnknown<Field<Attempt, "answer">>>,
  Expect<AnyUnknown<Field<Attempt, "feedback">>>,
  Expect<IsUnknown<Learner["schemas"]["AttemptCreateRequest"]["answer"]>>,
  Expect<IsUnknown<Content["schemas"]["CoverImage"]>>,
];

// --- What an app writes: narrowing by `type` / `block_type` gives each type's fields --------
export function blockText(block: Block): string {
  switch (block.type) {
    case "heading":
      return `${block.value.size}: ${block.value.text}`;
    case "paragraph":
      return block.value; // HTML
    case "image":
      return block.value.image?.renditions.medium.url ?? block.value.caption;
    case "audio":
      return block.value.audio?.url ?? block.value.transcript;
    case "vocabulary":
      return `${block.value.word} ${block.value.phonetic}: ${block.value.meaning}`;
    case "dialogue":
      return block.value.lines.map((line) => `${line.speaker}: ${line.line}`).join("\n");
    case "tip":
      return `${block.value.kind}: ${block.value.text}`;
    case "multiple_choice":
      return [block.value.question, ...block.value.options].join(" / ");
    case "fill_blank":
      return `${block.value.text} (${block.value.gap_count} gaps)`;
    case "voice_response":
      return block.value.prompt + (block.value.expected_phrase ?? "");
    case "drag_drop":
      return [block.value.instruction, ...block.value.items, ...(block.value.targets ?? [])].join(
        ", ",
      );
    default:
      return block.type; // a block type added since: still typed, shown by its name
  }
}

export function attemptSummary(attempt: Attempt): string {
  switch (attempt.block_type) {
    case "multiple_choice":
      return `${attempt.exercise.question}: ${attempt.answer.join(",")} ${attempt.feedback?.missed ?? ""}`;
    case "fill_blank":
      return `${attempt.answer.join(" | ")} ${attempt.feedback?.gaps.filter(Boolean).length ?? 0}/${attempt.exercise.gap_count}`;
    case "voice_response":
      return `${attempt.exercise.prompt}: ${attempt.answer.transcript ?? ""}`;
    case "drag_drop":
      return `${attempt.exercise.mode}: ${JSON.stringify(attempt.answer)}`;
    default:
      return ""; // an exercise type added since
  }
}

export const answer: Learner["schemas"]["AttemptCreateRequest"] = {
  block_id: "695dfdcf-1988-4e27-933c-2226aa5fe648",
  answer: [1],
};

export function firstLessonTitle(listing: Content["schemas"]["LessonPageListing"]): string {
  return listing.items[0]?.title ?? `none of ${listing.meta.total_count}`;
}
