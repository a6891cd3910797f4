// Search over the mock's fixed transcripts (corpus.ts): a segment matches when it contains every
// word of the query; the score counts the matches and rewards the words appearing as the phrase
// asked for; matches come back wrapped in <mark>. Deterministic, so paging with offset walks a
// stable list and the same request always gets the same answer.
import { CORPUS, type Segment } from './corpus.js';

export interface SearchInput {
  query: string;
  limit?: number;
  offset?: number;
  filters?: { podcast_ids?: string[]; speakers?: string[] };
  sort?: { by?: 'relevance' | 'date'; order?: 'desc' | 'asc' };
}

const WORD = /[\p{L}\p{N}]+/gu;

function wordsOf(text: string): string[] {
  return [...new Set(text.toLowerCase().match(WORD) ?? [])];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Matches any query word as a whole word, case-insensitively. */
function wordMatcher(words: string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

function score(segment: Segment, words: string[], phrase: string, matcher: RegExp): number {
  const hits = segment.text.match(matcher)?.length ?? 0;
  const phraseBonus = words.length > 1 && segment.text.toLowerCase().includes(phrase) ? 5 : 0;
  return Math.round((hits * 2 + phraseBonus + 10 / (1 + segment.text.length / 100)) * 100) / 100;
}

/** `text` with every match in <mark>; marks separated only by spaces merge into one, phrase-wise. */
function highlight(text: string, matcher: RegExp): string {
  return text.replace(matcher, (match) => `<mark>${match}</mark>`).replace(/<\/mark>(\s+)<mark>/g, '$1');
}

// Each segment's words, worked out once.
const SEGMENT_WORDS = new Map(
  CORPUS.map((segment) => [segment, new Set(segment.text.toLowerCase().match(WORD) ?? [])]),
);

function publishTime(segment: Segment): number {
  const date = segment.episode.publish_date;
  return date === null ? Number.NEGATIVE_INFINITY : Date.parse(date);
}

function toResult(segment: Segment, segmentScore: number, matcher: RegExp) {
  const { episode } = segment;
  const episodePath = `/podcast/${episode.podcast.slug}/${episode.slug}`;
  return {
    segment_id: segment.segment_id,
    score: segmentScore,
    text: segment.text,
    highlighted_text: highlight(segment.text, matcher),
    timestamp: { start: segment.start, end: segment.end },
    speaker: segment.speaker,
    episode: { id: episode.id, title: episode.title, slug: episode.slug, publish_date: episode.publish_date },
    podcast: { ...episode.podcast },
    urls: { segment: `${episodePath}?t=${segment.start}`, episode: episodePath },
  };
}

/** One page of hits for a request that has already passed the schema check. */
export function searchCorpus(input: SearchInput) {
  const limit = input.limit ?? 20;
  const offset = input.offset ?? 0;
  const words = wordsOf(input.query);
  const matcher = wordMatcher(words);
  const phrase = (input.query.toLowerCase().match(WORD) ?? []).join(' ');
  const podcastIds = input.filters?.podcast_ids;
  const speakers = input.filters?.speakers;

  const hits =
    words.length === 0
      ? []
      : CORPUS.filter((segment) => {
          const segmentWords = SEGMENT_WORDS.get(segment)!;
          return (
            words.every((word) => segmentWords.has(word)) &&
            (!podcastIds || podcastIds.includes(segment.episode.podcast.id)) &&
            (!speakers || (segment.speaker !== null && speakers.includes(segment.speaker)))
          );
        }).map((segment) => ({ segment, score: score(segment, words, phrase, matcher) }));

  const byDate = input.sort?.by === 'date';
  const ascending = input.sort?.order === 'asc';
  hits.sort((a, b) => {
    const difference = byDate ? publishTime(a.segment) - publishTime(b.segment) : a.score - b.score;
    const primary = Number.isNaN(difference) ? 0 : difference; // two unknown publish dates
    return (ascending ? primary : -primary) || (a.segment.segment_id < b.segment.segment_id ? -1 : 1);
  });

  const page = hits.slice(offset, offset + limit);
  return {
    meta: {
      query: input.query,
      total: hits.length,
      limit,
      offset,
      has_more: offset + page.length < hits.length,
      // A stand-in for server time that stays the same for the same request.
      took_ms: 3 + words.length * 2 + Math.min(hits.length, 40),
    },
    results: page.map((hit) => toResult(hit.segment, hit.score, matcher)),
  };
}
