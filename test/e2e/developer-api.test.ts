import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCatalog } from "../../src/catalog/catalog.js";
import { combinations, pricedSpecs, quotePrice } from "../../src/catalog/pricing.js";
import { apiClient, createKeyInBot, eventually, freePort } from "../support/developer-api.js";
import { balanceOf, type Stack, say, startStack, testUser } from "../support/e2e.js";
import { type LumaFake, startLumaFake } from "../support/fakes/luma-fake.js";
import { PNG_1X1 } from "../support/fakes/media-fake-kit.js";
import { type OpenAiFake, startOpenAiFake } from "../support/fakes/openai-fake.js";
import { type ReplicateFake, startReplicateFake } from "../support/fakes/replicate-fake.js";

/** The priciest parameters of a matrix-priced model, to ask for more than a balance holds. */
function priciest(slug: string): Record<string, string | number | boolean> {
  const model = createCatalog().get(slug);
  if (model.pricing.type !== "matrix") throw new Error(`${slug} has a fixed price`);
  const specs = pricedSpecs(model, model.pricing);
  const rows = combinations(specs).map((values) => Object.fromEntries(specs.map((s, i) => [s.name, values[i] ?? ""])));
  return rows.reduce((best, row) =>
    quotePrice(model, row).token_cost > quotePrice(model, best).token_cost ? row : best,
  );
}

describe("developer API end to end (API_PORT set)", () => {
  let openai: OpenAiFake;
  let luma: LumaFake;
  let replicate: ReplicateFake;
  let stack: Stack;
  let base: string;
  const alice = testUser(8101);
  let key: string;

  beforeAll(async () => {
    openai = await startOpenAiFake();
    openai.replyWith((body) => `Fake answer to: ${JSON.stringify(body.messages.at(-1)?.content)}`);
    luma = await startLumaFake();
    replicate = await startReplicateFake();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    stack = await startStack(
      {
        OPENAI_API_KEY: openai.apiKey,
        OPENAI_BASE_URL: openai.baseUrl,
        LUMA_API_KEY: "luma-test",
        LUMA_BASE_URL: luma.baseUrl,
        REPLICATE_API_TOKEN: "r8_test",
        REPLICATE_BASE_URL: replicate.baseUrl,
      },
      // The per-key cap is tested on its own stack; here the polling below must not reach it.
      {
        API_PORT: String(port),
        API_PUBLIC_URL: base,
        API_KEY_RATE_PER_MINUTE: "1000",
        API_KEY_MAX_CONCURRENT: "1",
      },
    );
    await say(stack.tg, alice, "/start");
    key = await createKeyInBot(stack.tg, alice);
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await openai?.close();
    await luma?.close();
    await replicate?.close();
  });

  it("issues a key in the bot that shows the base URL, lists it by its last four characters, and reads the balance", async () => {
    expect(key).toMatch(/^nb_[A-Za-z0-9_-]{20,}$/);
    const screen = await say(stack.tg, alice, "/api", (c) => /Developer API/.test(c));
    expect(screen.content).toContain(`${base}/api/v2`);
    expect(screen.content).toContain(`…${key.slice(-4)}`);
    expect(screen.content).not.toContain(key);

    const api = apiClient(base, key);
    const balance = await api.get("/balance");
    expect(balance.status).toBe(200);
    expect(balance.json).toEqual({ token_balance: 50, plan: "starter", plan_expires_at: null });
    const detail = await api.get("/user/balance");
    // Starter's one-time tokens never expire, so they sit in the bonus (package) bucket.
    expect(detail.json).toEqual({
      plan: "starter",
      token_balance: 50,
      plan_tokens_remaining: 0,
      bonus_tokens: 50,
      plan_expires_at: null,
    });
    expect((await apiClient(base).get("/balance")).status).toBe(401);
    expect((await apiClient(base, "nb_not-a-real-key").get("/balance")).json.error?.code).toBe("invalid_api_key");
  });

  it("prices dall-e-3 as the seed does and lists every model", async () => {
    const api = apiClient(base, key);
    const price = await api.post("/models/dall-e-3/calculate-price", {
      params: { size: "1792x1024", quality: "hd" },
      count: 1,
    });
    expect(price.status).toBe(200);
    expect(price.json).toEqual({ token_cost: 13, min_token_cost: 5, max_token_cost: 13, pricing_type: "matrix" });

    const bad = await api.post("/models/dall-e-3/calculate-price", { params: { size: "1x1" } });
    expect(bad.status).toBe(422);
    expect(bad.json.error).toMatchObject({ code: "invalid_params", field: "params.size" });
    expect((await api.post("/models/no-such-model/calculate-price", {})).status).toBe(404);

    const models = await api.get("/models");
    const data = models.json.data as { slug: string; available: boolean; tier: string }[];
    expect(data).toHaveLength(52);
    expect(data.find((m) => m.slug === "gpt-5-nano")).toMatchObject({ available: true, tier: "starter" });
    // No Anthropic key is configured: shown as unavailable, not an error.
    expect(data.find((m) => m.slug === "claude-haiku-4.5")?.available).toBe(false);
  });

  it("answers the official openai SDK, plain and streamed, from the same balance", async () => {
    const client = new OpenAI({ apiKey: key, baseURL: `${base}/api/v2`, maxRetries: 0 });
    const completion = await client.chat.completions.create({
      model: "gpt-5-nano",
      messages: [{ role: "user", content: "What is 2+2?" }],
    });
    expect(completion.choices[0]?.message.content).toBe('Fake answer to: "What is 2+2?"');
    expect(await balanceOf(stack.tg, alice)).toBe(49);
    // The client's own messages reach the model, not the bot's system prompt or chat history.
    expect(openai.chatBodies().at(-1)?.messages).toEqual([{ role: "user", content: "What is 2+2?" }]);

    const stream = await client.chat.completions.create({
      model: "gpt-5-nano",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Count to three" },
      ],
      stream: true,
    });
    const deltas: string[] = [];
    for await (const chunk of stream) deltas.push(chunk.choices[0]?.delta.content ?? "");
    expect(deltas.join("")).toBe('Fake answer to: "Count to three"');
    expect(deltas.filter(Boolean).length).toBeGreaterThan(1);
    expect(await balanceOf(stack.tg, alice)).toBe(48);

    // History in the bot shows API requests as such.
    const balance = await say(stack.tg, alice, "/balance", (c) => /Balance/.test(c));
    stack.tg.clickButtonByText(alice, balance, /History/);
    const history = await stack.tg.waitFor(() => {
      const m = stack.tg.messages(alice.id).find((x) => x.message_id === balance.message_id);
      return m && /GPT-5 Nano|gpt-5-nano/i.test(m.content) ? m : undefined;
    });
    expect(history.content).toMatch(/API/);

    const notChat = await apiClient(base, key).post("/chat/completions", {
      model: "dall-e-3",
      messages: [{ role: "user", content: "hi" }],
    });
    expect(notChat.status).toBe(422);
    expect(notChat.json.error?.field).toBe("model");
  });

  it("charges a retried request with the same Idempotency-Key once", async () => {
    const api = apiClient(base, key);
    const before = (await api.get("/balance")).json.token_balance as number;
    const body = { model: "gpt-5-nano", messages: [{ role: "user", content: "only once" }] };
    const first = await api.post("/chat/completions", body, { "idempotency-key": "retry-1" });
    const second = await api.post("/chat/completions", body, { "idempotency-key": "retry-1" });
    expect(first.status).toBe(200);
    expect(second.json).toEqual(first.json);
    expect((await api.get("/balance")).json.token_balance).toBe(before - 1);

    const reused = await api.post(
      "/chat/completions",
      { ...body, messages: [{ role: "user", content: "something else" }] },
      { "idempotency-key": "retry-1" },
    );
    expect(reused.status).toBe(422);
  });

  it("charges nothing for a chat that fails, plain (502) or streamed (an error event)", async () => {
    const api = apiClient(base, key);
    const before = (await api.get("/balance")).json.token_balance as number;
    for (let i = 0; i < 3; i++) openai.failNext(500);
    const failed = await api.post("/chat/completions", {
      model: "gpt-5-nano",
      messages: [{ role: "user", content: "fail please" }],
    });
    expect(failed.status).toBe(502);
    expect(failed.json.error?.code).toBe("generation_failed");

    openai.streamErrorNext({ afterText: "Partial" });
    const client = new OpenAI({ apiKey: key, baseURL: `${base}/api/v2`, maxRetries: 0 });
    const stream = await client.chat.completions.create({
      model: "gpt-5-nano",
      messages: [{ role: "user", content: "fail while streaming" }],
      stream: true,
    });
    const read = async () => {
      for await (const _ of stream) {
        // Deltas before the error are fine; the stream must end in an error.
      }
    };
    // Our own words reach the client, never the upstream's.
    await expect(read()).rejects.toThrow(/^The (generation failed|model is unavailable right now)/);
    expect((await api.get("/balance")).json.token_balance).toBe(before);
  });

  it("runs photon-flash as a job whose result URL serves the image", async () => {
    const api = apiClient(base, key);
    const before = (await api.get("/balance")).json.token_balance as number;
    const request = { model: "photon-flash", prompt: "a red fox in the snow" };
    const started = await api.post("/generate", request, { "idempotency-key": "fox-1" });
    expect(started.status).toBe(202);
    expect(started.json).toMatchObject({ status: "pending", token_cost: 1 });
    const id = started.json.id as string;
    expect(id).toMatch(/^\d+$/);

    const done = await eventually(async () => {
      const answer = await api.get(`/generate/${id}`);
      return answer.json.status === "completed" || answer.json.status === "failed" ? answer.json : undefined;
    }, "the generation to finish");
    expect(done).toMatchObject({ id, status: "completed", token_cost: 1, tokens_charged: 1 });
    const urls = done.urls as string[];
    expect(urls).toHaveLength(1);
    expect(urls[0]?.startsWith(`${base}/api/v2/files/`)).toBe(true);
    // The upstream's own URL never reaches the client.
    expect(JSON.stringify(done)).not.toContain(luma.baseUrl);

    // No key needed for the file: the unguessable URL is the credential.
    const file = await fetch(urls[0] ?? "");
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG_1X1)).toBe(true);
    expect((await fetch(`${base}/api/v2/files/${"x".repeat(43)}`)).status).toBe(404);

    const again = await api.post("/generate", request, { "idempotency-key": "fox-1" });
    expect(again.json).toMatchObject({ id, status: "completed" });
    expect((await api.get("/balance")).json.token_balance).toBe(before - 1);
    expect(luma.requests.filter((r) => r.method === "POST").length).toBe(1);

    // An image tool works on a file the client names by URL (here the result above); text comes back as text.
    expect((await api.post("/generate", { model: "text-ocr" })).json.error?.field).toBe("input_url");
    const ocr = await api.post("/generate", { model: "text-ocr", input_url: urls[0] });
    expect(ocr.status).toBe(202);
    const read = await eventually(async () => {
      const answer = await api.get(`/generate/${ocr.json.id}`);
      return answer.json.status === "completed" || answer.json.status === "failed" ? answer.json : undefined;
    }, "the OCR job");
    expect(read).toMatchObject({ status: "completed", urls: [] });
    expect(typeof read.text).toBe("string");
    const create = replicate.requests.find((r) => JSON.stringify(r.json ?? "").includes("image"));
    expect(JSON.stringify(create?.json)).toMatch(new RegExp(`${PNG_1X1.toString("base64").slice(0, 20)}|${urls[0]}`));

    // Nothing of the API jobs went to the chat.
    expect(stack.tg.messages(alice.id).some((m) => m.kind === "photo" || /text-ocr|OCR/i.test(m.content))).toBe(false);
  });

  it("runs one job per key at a time (as configured), and a failed job reports why and costs nothing", async () => {
    const api = apiClient(base, key);
    const before = (await api.get("/balance")).json.token_balance as number;
    luma.pollsNeeded(1);
    const slow = await api.post("/generate", { model: "photon-flash", prompt: "a slow fox" });
    expect(slow.status).toBe(202);
    const busy = await api.post("/generate", { model: "photon-flash", prompt: "another fox" });
    expect(busy.status).toBe(429);
    expect(busy.json.error?.code).toBe("too_many_jobs");
    expect(busy.headers.get("retry-after")).toBeTruthy();
    luma.pollsNeeded(0);
    const slowDone = await eventually(async () => {
      const answer = await api.get(`/generate/${slow.json.id}`);
      return answer.json.status === "completed" ? answer.json : undefined;
    }, "the slow job");
    expect(slowDone.tokens_charged).toBe(1);

    luma.failJob("upstream secret: moderation model v7 flagged it");
    const failing = await api.post("/generate", { model: "photon-flash", prompt: "a forbidden fox" });
    expect(failing.status).toBe(202);
    const failed = await eventually(async () => {
      const answer = await api.get(`/generate/${failing.json.id}`);
      return answer.json.status === "failed" ? answer.json : undefined;
    }, "the failing job");
    expect(failed).toMatchObject({ status: "failed", tokens_charged: 0 });
    expect(failed.reason).toBe((failed.error as { message: string }).message);
    expect(JSON.stringify(failed)).not.toContain("upstream secret");
    expect((await api.get("/balance")).json.token_balance).toBe(before - 1);
    // Another user's job is not found under this key.
    expect((await api.get("/generate/999999")).status).toBe(404);
  });

  it("refuses with 402 and the price, 403 with the plan, 404 and 422 naming the field", async () => {
    const api = apiClient(base, key);
    const balance = (await api.get("/balance")).json.token_balance as number;
    const params = priciest("luma-ray2-flash");
    const price = quotePrice(createCatalog().get("luma-ray2-flash"), params).token_cost;
    expect(price).toBeGreaterThan(balance);
    const unaffordable = await api.post("/generate", { model: "luma-ray2-flash", prompt: "waves", params });
    expect(unaffordable.status).toBe(402);
    expect(unaffordable.json.error).toMatchObject({
      code: "insufficient_tokens",
      token_cost: price,
      token_balance: balance,
    });

    const locked = await api.post("/generate", { model: "photon", prompt: "a cat" });
    expect(locked.status).toBe(403);
    expect(locked.json.error).toMatchObject({ code: "model_locked", required_plan: "basic" });

    expect((await api.post("/generate", { model: "no-such-model", prompt: "x" })).status).toBe(404);
    const noPrompt = await api.post("/generate", { model: "photon-flash" });
    expect(noPrompt.status).toBe(422);
    expect(noPrompt.json.error?.field).toBe("prompt");
    const badBody = await api.post("/chat/completions", { model: "gpt-5-nano", messages: "hi" });
    expect(badBody.status).toBe(422);
    expect(badBody.json.error?.field).toBe("messages");
    expect((await api.get("/balance")).json.token_balance).toBe(balance);
  });

  it("finishes an API job after the process is killed mid-job, and stores its result once", async () => {
    const api = apiClient(base, key);
    luma.pollsNeeded(2);
    const posts = luma.requests.filter((r) => r.method === "POST").length;
    const started = await api.post("/generate", { model: "photon-flash", prompt: "a fox that survives" });
    expect(started.status).toBe(202);
    await stack.tg.waitFor(() => luma.requests.filter((r) => r.method === "POST").length > posts || undefined);
    await stack.bot.kill();
    luma.pollsNeeded(0);
    await stack.restart();
    const done = await eventually(async () => {
      const answer = await api.get(`/generate/${started.json.id}`);
      return answer.json.status === "completed" ? answer.json : undefined;
    }, "the job to finish after the restart");
    expect(done.urls).toHaveLength(1);
    expect((await fetch((done.urls as string[])[0] ?? "")).status).toBe(200);
    expect(luma.requests.filter((r) => r.method === "POST").length).toBe(posts + 1);
    expect(stack.tg.messages(alice.id).some((m) => m.kind === "photo")).toBe(false);
  }, 60_000);

  it("refuses the 21st request in an hour on Starter with 429 and Retry-After", async () => {
    const api = apiClient(base, key);
    const usage = await api.get("/balance");
    expect(usage.status).toBe(200);
    const body = { model: "gpt-5-nano", messages: [{ role: "user", content: "again" }] };
    let accepted = 0;
    let refused: Awaited<ReturnType<typeof api.post>> | undefined;
    // Seven requests were charged above (two SDK chats, one idempotent chat, three images, one OCR;
    // the failed ones were given back and do not count); the plan allows 20 an hour.
    for (let i = 0; i < 30 && !refused; i++) {
      const answer = await api.post("/chat/completions", body);
      if (answer.status === 200) accepted++;
      else refused = answer;
    }
    expect(refused?.status).toBe(429);
    expect(refused?.json.error?.code).toBe("rate_limited");
    expect(accepted).toBe(13);
    expect(Number(refused?.headers.get("retry-after"))).toBeGreaterThan(3000);
  }, 60_000);

  it("serves the OpenAPI document and a docs page, and a revoked key gets 401", async () => {
    const spec = (await (await fetch(`${base}/api/v2/openapi.json`)).json()) as { openapi: string; paths: object };
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        "/api/v2/balance",
        "/api/v2/user/balance",
        "/api/v2/models",
        "/api/v2/models/{slug}/calculate-price",
        "/api/v2/chat/completions",
        "/api/v2/generate",
        "/api/v2/generate/{id}",
      ]),
    );
    const docs = await fetch(`${base}/api/v2/docs`, { redirect: "follow" });
    expect(docs.status).toBe(200);
    expect(docs.headers.get("content-type")).toContain("text/html");

    const { tg } = stack;
    const screen = await say(tg, alice, "/api", (c) => /Developer API/.test(c));
    tg.clickButtonByText(alice, screen, new RegExp(`Revoke .*${key.slice(-4)}`));
    const ask = await tg.waitFor(() => {
      const m = tg.messages(alice.id).find((x) => x.message_id === screen.message_id);
      return m?.buttons.some((b) => /Yes, revoke/.test(b.text)) ? m : undefined;
    });
    tg.clickButtonByText(alice, ask, /Yes, revoke/);
    await tg.waitFor(() => {
      const m = tg.messages(alice.id).find((x) => x.message_id === screen.message_id);
      return m && /no keys yet/.test(m.content) ? m : undefined;
    });
    const revoked = await apiClient(base, key).get("/balance");
    expect(revoked.status).toBe(401);
    expect(revoked.json.error?.code).toBe("invalid_api_key");
    await tg.expectClean();
  });
});
