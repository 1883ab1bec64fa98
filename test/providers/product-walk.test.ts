import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allModels } from "../../src/catalog/models/index.js";
import { resolveParams } from "../../src/catalog/pricing.js";
import type { ModelSpec, ParamValue, ProviderId } from "../../src/catalog/types.js";
import { bytesInput } from "../../src/providers/input-file.js";
import { createProviders } from "../../src/providers/registry.js";
import type {
  InputFile,
  MediaProvider,
  MediaRequest,
  PollResult,
  ProviderSettingsMap,
  Providers,
} from "../../src/providers/types.js";
import { startAnthropicFake } from "../support/fakes/anthropic-fake.js";
import { startElevenLabsFake } from "../support/fakes/elevenlabs-fake.js";
import type { FakeServer } from "../support/fakes/fake-server.js";
import { startLegNextFake } from "../support/fakes/legnext-fake.js";
import { startLumaFake } from "../support/fakes/luma-fake.js";
import { MP3_SAMPLE, PNG_1X1 } from "../support/fakes/media-fake-kit.js";
import { startOpenAiFake } from "../support/fakes/openai-fake.js";
import { createOpenAiMediaRoutes } from "../support/fakes/openai-media-routes.js";
import { createOpenAiResponsesRoutes, createResponsesScript } from "../support/fakes/openai-responses-routes.js";
import { type ReplicateFake, startReplicateFake } from "../support/fakes/replicate-fake.js";

/**
 * Every product, with its default parameters and the input file it needs, through its real adapter to
 * the strict fakes: a retired model id or a body the provider's schema refuses fails the walk.
 */
const servers: FakeServer[] = [];
let providers: Providers;
let replicateFake: ReplicateFake;

beforeAll(async () => {
  const openai = await startOpenAiFake({
    extraRoutes: [
      ...createOpenAiResponsesRoutes({ script: createResponsesScript() }),
      ...createOpenAiMediaRoutes({ apiKey: "test-openai-key" }),
    ],
  });
  const [anthropic, gemini, deepseek, xai, replicate, luma, elevenlabs, legnext] = await Promise.all([
    startAnthropicFake(),
    startOpenAiFake({ flavor: "gemini" }),
    startOpenAiFake({ flavor: "deepseek" }),
    startOpenAiFake({ flavor: "xai" }),
    startReplicateFake(),
    startLumaFake(),
    startElevenLabsFake(),
    startLegNextFake(),
  ]);
  servers.push(openai, anthropic, gemini, deepseek, xai, replicate, luma, elevenlabs, legnext);
  replicateFake = replicate;
  const settings: ProviderSettingsMap = {
    openai: { apiKey: openai.apiKey, baseUrl: openai.baseUrl },
    anthropic: { apiKey: anthropic.apiKey, baseUrl: anthropic.baseUrl },
    gemini: { apiKey: gemini.apiKey, baseUrl: gemini.baseUrl },
    deepseek: { apiKey: deepseek.apiKey, baseUrl: deepseek.baseUrl },
    xai: { apiKey: xai.apiKey, baseUrl: xai.baseUrl },
    replicate: { apiKey: "r8_test", baseUrl: replicate.baseUrl },
    luma: { apiKey: "luma-test", baseUrl: luma.baseUrl },
    elevenlabs: { apiKey: "xi-test", baseUrl: elevenlabs.baseUrl },
    midjourney: { apiKey: "legnext-test", baseUrl: legnext.baseUrl },
  };
  providers = createProviders(settings, { sleep: async () => {} });
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

const photo = (name: string): InputFile => bytesInput(PNG_1X1, `${name}.png`, "image/png");
const voice: InputFile = bytesInput(MP3_SAMPLE, "voice.mp3", "audio/mpeg");

/** The prompt and files a user sends for this product's input. */
function inputsOf(model: ModelSpec): Pick<MediaRequest, "prompt" | "file" | "file2"> {
  switch (model.input) {
    case "prompt":
    case "prompt+image?":
      return { prompt: "a lighthouse at dawn" };
    case "image":
      return { file: photo("photo") };
    case "image+prompt":
      return { file: photo("photo"), prompt: "make it autumn" };
    case "image+image":
      return { file: photo("face"), file2: photo("target") };
    case "audio":
    case "speech":
      return { file: voice };
  }
}

/** Polls to the end, following a job that moves on to a follow-up job (Midjourney: image, then video). */
async function pollFollowing(media: MediaProvider, model: ModelSpec, first: string): Promise<PollResult | undefined> {
  let jobId = first;
  for (let i = 0; i < 40; i++) {
    const result = await media.poll(model.route, jobId);
    if (result.status !== "pending") return result;
    jobId = result.jobId ?? jobId;
  }
  return undefined;
}

/** How many requests the fakes received since `from` (one count per fake). */
const receivedSince = (from: number[]) =>
  servers.reduce((sum, server, i) => sum + server.requests.length - (from[i] ?? 0), 0);

const available = allModels.filter((m) => !m.route.unavailable);

describe("the 52-product walk", () => {
  it("covers all 52 products: the available ones below, the rest marked unavailable with a reason", () => {
    expect(allModels).toHaveLength(52);
    const unavailable = allModels.filter((m) => m.route.unavailable);
    expect(available.length + unavailable.length).toBe(52);
    for (const model of unavailable) expect(model.route.unavailable).toMatch(/^routes-unavailable-/);
  });

  it.each(available.map((m) => [m.slug, m] as const))("%s answers with its defaults", async (_slug, model) => {
    const marks = servers.map((server) => server.requests.length);
    const params = resolveParams(model);
    if (model.kind === "text") {
      const chat = providers.chat(model.route.provider as ProviderId);
      if (!chat) throw new Error(`no chat adapter for ${model.route.provider}`);
      const result = await chat.chat({ route: model.route, messages: [{ role: "user", content: "Hello" }] });
      expect(result.text.length).toBeGreaterThan(0);
    } else {
      const media = providers.media(model.route.provider);
      if (!media) throw new Error(`no media adapter for ${model.route.provider}`);
      const submitted = await media.submit({ route: model.route, params, ...inputsOf(model) });
      const settled = submitted.status === "done" ? submitted : await pollFollowing(media, model, submitted.jobId);
      expect(settled?.status, JSON.stringify(settled)).toBe("done");
      if (settled?.status === "done") expect(settled.outputs.length).toBeGreaterThan(0);
    }
    // An adapter throws on any 4xx the strict fakes answer; this proves the request really went out.
    expect(receivedSince(marks)).toBeGreaterThan(0);
  });

  const withFallbacks = available.flatMap((m) => (m.route.fallbacks ?? []).map((id) => [m.slug, id, m] as const));
  it.each(withFallbacks)("%s's fallback %s is served too", async (_slug, fallback, model) => {
    const route = { ...model.route, upstream: fallback };
    if (model.kind === "text") {
      const chat = providers.chat(route.provider);
      expect((await chat?.chat({ route, messages: [{ role: "user", content: "Hello" }] }))?.text).toBeTruthy();
    } else {
      const media = providers.media(route.provider);
      const submitted = await media?.submit({ route, params: resolveParams(model), ...inputsOf(model) });
      expect(submitted?.status).toBeDefined();
    }
  });
});

/** Every combination of a model's parameter options (one set of defaults when it has none). */
function combinations(model: ModelSpec): Record<string, ParamValue>[] {
  return model.params.reduce<Record<string, ParamValue>[]>(
    (sets, spec) => sets.flatMap((set) => spec.options.map((option) => ({ ...set, [spec.name]: option }))),
    [{}],
  );
}

describe("Replicate products against their models' published input schemas", () => {
  const onReplicate = available.filter((m) => m.route.provider === "replicate");
  it.each(onReplicate.map((m) => [m.slug, m] as const))(
    "%s: every choice a user can make is an input its model accepts, and none is dropped",
    async (_slug, model) => {
      const media = providers.media("replicate");
      for (const choice of combinations(model)) {
        const submitted = await media?.submit({
          route: model.route,
          params: resolveParams(model, choice),
          ...inputsOf(model),
        });
        expect(submitted?.status, JSON.stringify(choice)).toBeDefined();
        const prediction = [...replicateFake.predictions.values()].at(-1);
        expect(prediction?.data.input, JSON.stringify(choice)).toBeDefined();
        // A field the model has no input for is dropped by Replicate without a word: the choice would be lost.
        expect(prediction?.data.ignoredInput, JSON.stringify(choice)).toEqual([]);
      }
    },
  );
});
