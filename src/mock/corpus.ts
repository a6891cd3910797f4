// The mock's transcripts: a small, fixed set of podcast segments that search runs over. Fixed, so
// the same request always gets the same answer; varied enough to show paging ("artificial
// intelligence" matches more than one page of 20), filters (podcasts, speakers), sorting by date,
// and an empty result. The first hits of the spec's examples are here word for word.

export interface Podcast {
  id: string;
  title: string;
  slug: string;
  image_url: string | null;
}

export interface Episode {
  id: string;
  title: string;
  slug: string;
  publish_date: string | null;
  podcast: Podcast;
}

export interface Segment {
  segment_id: string;
  start: number;
  end: number;
  speaker: string | null;
  text: string;
  episode: Episode;
}

const podcasts = {
  signalPath: {
    id: '42',
    title: 'The Signal Path',
    slug: 'the-signal-path',
    image_url: 'https://cdn.audioscrape.com/podcasts/42/cover.jpg',
  },
  opsTalk: { id: '57', title: 'Ops Talk', slug: 'ops-talk', image_url: null },
  greenLedger: {
    id: '63',
    title: 'Green Ledger',
    slug: 'green-ledger',
    image_url: 'https://cdn.audioscrape.com/podcasts/63/cover.jpg',
  },
  openWeights: {
    id: '71',
    title: 'Open Weights',
    slug: 'open-weights',
    image_url: 'https://cdn.audioscrape.com/podcasts/71/cover.jpg',
  },
  foundersAtDawn: { id: '88', title: 'Founders at Dawn', slug: 'founders-at-dawn', image_url: null },
} satisfies Record<string, Podcast>;

function episode(id: string, title: string, slug: string, publishDate: string | null, podcast: Podcast): Episode {
  return { id, title, slug, publish_date: publishDate, podcast };
}

const episodes = {
  dataNotMagic: episode('789', 'Data, not magic', 'data-not-magic', '2026-03-12T09:00:00Z', podcasts.signalPath),
  modelsInTheWild: episode(
    '812',
    'Models in the wild',
    'models-in-the-wild',
    '2026-05-02T09:00:00Z',
    podcasts.signalPath,
  ),
  regulatingTheMachine: episode(
    '903',
    'Regulating the machine',
    'regulating-the-machine',
    '2026-09-18T09:00:00Z',
    podcasts.signalPath,
  ),
  demosAndReality: episode('2048', 'Demos and reality', 'demos-and-reality', '2026-06-30T12:00:00Z', podcasts.opsTalk),
  supportAtScale: episode('1311', 'Support at scale', 'support-at-scale', '2025-11-02T06:30:00Z', podcasts.opsTalk),
  onCallForever: episode('1402', 'On call, forever', 'on-call-forever', null, podcasts.opsTalk),
  carbonBudgets: episode(
    '3101',
    'Carbon budgets, explained',
    'carbon-budgets-explained',
    '2026-01-20T07:00:00Z',
    podcasts.greenLedger,
  ),
  heatAndCities: episode('3188', 'Heat and cities', 'heat-and-cities', '2026-07-14T07:00:00Z', podcasts.greenLedger),
  gridOfTomorrow: episode(
    '3240',
    'The grid of tomorrow',
    'the-grid-of-tomorrow',
    '2026-10-06T07:00:00Z',
    podcasts.greenLedger,
  ),
  weightsAndMeasures: episode(
    '5010',
    'Weights and measures',
    'weights-and-measures',
    '2026-02-27T16:00:00Z',
    podcasts.openWeights,
  ),
  forkingTheFuture: episode(
    '5077',
    'Forking the future',
    'forking-the-future',
    '2026-08-08T16:00:00Z',
    podcasts.openWeights,
  ),
  firstHire: episode('7001', 'The first hire', 'the-first-hire', '2025-12-01T05:00:00Z', podcasts.foundersAtDawn),
  pricingPanic: episode('7045', 'Pricing panic', 'pricing-panic', '2026-04-22T05:00:00Z', podcasts.foundersAtDawn),
} satisfies Record<string, Episode>;

// One segment a line: segment id | episode (a key of `episodes`) | start | end (seconds) | speaker
// ('-': not known) | text. Read once, when the module loads; a malformed line fails at once.
const SEGMENTS = `
101_8669.079 | dataNotMagic | 125.4 | 142.8 | Dana Whitfield | The thing about artificial intelligence is that it is only as good as the data you train it on.
101_8702.311 | dataNotMagic | 301.2 | 318.9 | Marcus Oyelaran | People talk about artificial intelligence as if it were magic, but most of the work is cleaning spreadsheets.
101_8755.020 | dataNotMagic | 612.0 | 630.5 | Dana Whitfield | Label your data carefully and even small open source models will surprise you; label it badly and any model will embarrass you.
101_8790.447 | dataNotMagic | 944.7 | 961.3 | Marcus Oyelaran | Every team I advise asks which artificial intelligence vendor to pick before they know what problem they have.
108_1020.5 | modelsInTheWild | 88.0 | 104.6 | Dana Whitfield | Once artificial intelligence leaves the lab it meets users who do things no benchmark ever imagined.
108_1077.25 | modelsInTheWild | 410.3 | 427.9 | Lena Hartmann | We monitor drift every night, because a model that was right in March can be wrong by May.
108_1133.8 | modelsInTheWild | 733.1 | 750.2 | - | Open source models let us inspect the weights when artificial intelligence makes a strange call.
108_1190.04 | modelsInTheWild | 1201.9 | 1219.4 | Lena Hartmann | The honest answer is that artificial intelligence is a tool, and tools need maintenance.
119_305.7 | regulatingTheMachine | 52.4 | 70.0 | Priya Raman | Regulators are not against artificial intelligence; they are against decisions nobody can explain.
119_366.12 | regulatingTheMachine | 366.1 | 384.8 | Dana Whitfield | If an algorithm denies your loan you deserve to know why, artificial intelligence or not.
119_421.9 | regulatingTheMachine | 812.6 | 829.0 | Tomás Ibarra | Climate change and artificial intelligence are the two topics every committee wants on its agenda.
415_88.2 | demosAndReality | 88.2 | 97.6 | Priya Raman | Every artificial intelligence demo looks great until it meets a real customer.
415_152.75 | demosAndReality | 152.8 | 170.1 | Marcus Oyelaran | The demo worked because we picked the questions; production picks its own questions.
415_240.3 | demosAndReality | 240.3 | 259.9 | Priya Raman | We put artificial intelligence in front of the support queue and kept a human on every reply.
233_1204.5 | supportAtScale | 1204.5 | 1219.0 | - | Artificial intelligence changed how we triage support tickets overnight.
233_1260.0 | supportAtScale | 1260.0 | 1277.4 | Priya Raman | The tickets that matter most are the angry ones, and no classifier is good at anger yet.
233_1333.33 | supportAtScale | 1333.3 | 1350.8 | Marcus Oyelaran | Artificial intelligence drafts the answer, a person signs it, and the customer never waits overnight.
240_77.1 | onCallForever | 77.1 | 95.5 | Lena Hartmann | On call used to mean a pager at three in the morning; now artificial intelligence wakes you up with a summary.
240_140.6 | onCallForever | 140.6 | 158.2 | - | Runbooks beat heroics, every single time.
310_45.0 | carbonBudgets | 45.0 | 63.7 | Tomás Ibarra | A carbon budget is the amount we can still emit before climate change passes the thresholds we agreed on.
310_210.4 | carbonBudgets | 210.4 | 229.6 | Dana Whitfield | Training large artificial intelligence models has a carbon cost, and we should publish it.
310_388.9 | carbonBudgets | 388.9 | 405.1 | Tomás Ibarra | Climate change is not a future problem; the insurance industry is already pricing it in.
318_12.5 | heatAndCities | 12.5 | 30.9 | Priya Raman | Cities are several degrees hotter than the fields around them, and climate change makes that gap deadly.
318_97.25 | heatAndCities | 97.3 | 114.0 | Tomás Ibarra | Planting trees is the cheapest air conditioning a city will ever buy.
318_166.0 | heatAndCities | 166.0 | 183.6 | Lena Hartmann | We used artificial intelligence to map which streets lose the most heat at night.
324_58.8 | gridOfTomorrow | 58.8 | 77.2 | Tomás Ibarra | The grid was built for big power plants; now it has to listen to millions of rooftops.
324_130.45 | gridOfTomorrow | 130.5 | 148.0 | Marcus Oyelaran | Forecasting demand with artificial intelligence saves more carbon than any single wind farm.
324_201.7 | gridOfTomorrow | 201.7 | 219.3 | Dana Whitfield | Batteries buy us hours; climate change asks us for decades.
501_33.3 | weightsAndMeasures | 33.3 | 51.0 | Dana Whitfield | Open source models are catching up with the closed ones faster than anyone predicted.
501_120.9 | weightsAndMeasures | 120.9 | 138.4 | Lena Hartmann | When the weights are public, the research community can audit the artificial intelligence everyone is using.
501_245.1 | weightsAndMeasures | 245.1 | 262.7 | Marcus Oyelaran | A benchmark score tells you little; run the open source models on your own data before you choose.
507_18.0 | forkingTheFuture | 18.0 | 36.6 | Dana Whitfield | Forking an open source model is easy; maintaining the fork for three years is the real commitment.
507_102.4 | forkingTheFuture | 102.4 | 120.2 | Priya Raman | The licence matters: some open source models forbid exactly the use your company has in mind.
507_187.75 | forkingTheFuture | 187.8 | 205.0 | - | Small open source models running on a laptop changed what artificial intelligence costs a startup.
700_64.2 | firstHire | 64.2 | 82.9 | Marcus Oyelaran | Your first hire should be someone who can do the job you are worst at.
700_150.5 | firstHire | 150.5 | 168.0 | Priya Raman | We almost hired an artificial intelligence researcher when what we needed was a salesperson.
704_22.0 | pricingPanic | 22.0 | 39.4 | Marcus Oyelaran | Nobody knows how to price artificial intelligence features yet, so everybody copies everybody.
704_95.6 | pricingPanic | 95.6 | 113.1 | Dana Whitfield | Charge for the outcome, not for the tokens; customers do not care how many tokens it took.
704_160.3 | pricingPanic | 160.3 | 177.7 | Lena Hartmann | Usage-based pricing for artificial intelligence scares finance teams more than any competitor does.
704_231.9 | pricingPanic | 231.9 | 249.0 | Tomás Ibarra | Our customers asked for a climate report, and artificial intelligence wrote the first draft in a minute.
`;

function segment(line: string): Segment {
  const [segmentId, episodeKey, start, end, speaker, text, ...rest] = line.split(' | ');
  const episode = episodes[episodeKey as keyof typeof episodes];
  if (!segmentId || !episode || !start || !end || !speaker || !text || rest.length > 0)
    throw new Error(`Malformed corpus line: ${line}`);
  return {
    segment_id: segmentId,
    episode,
    start: Number(start),
    end: Number(end),
    speaker: speaker === '-' ? null : speaker,
    text,
  };
}

export const CORPUS: readonly Segment[] = SEGMENTS.trim().split('\n').map(segment);
