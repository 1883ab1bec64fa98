## Common
tokens = { $count ->
    [one] { $count } token
   *[other] { $count } tokens
}
btn-back = « Back
btn-main-menu = « Menu
btn-models = 🧠 Models
btn-balance = 💰 Balance
btn-buy = 🛒 Buy tokens
btn-plans = ⭐ Plans
btn-settings = ⚙️ Settings
btn-help = ❓ Help
btn-language = 🌐 Language
btn-new-chat = 🆕 New chat

## Start
start-welcome =
    👋 Hi, { $name }!

    I am one balance for 52 AI models: text, images, video, music, speech and tools.
    You pay in tokens, and you always see the price <b>before</b> anything is spent. A failed generation costs nothing.

    Your plan: <b>{ $plan }</b> · balance: <b>{ $balance }</b> 🪙
start-menu = What shall we do?

## Help
help =
    <b>How it works</b>
    1. /models — pick a model; its price in tokens is on the button and the card.
    2. Send your prompt. Text models remember the conversation; /new starts over.
    3. Each answer ends with what it cost and the balance left. Failed requests cost nothing.

    <b>Commands</b>
    /models — choose a model
    /balance — tokens, plan and limits
    /buy — token packages
    /plans — subscriptions
    /new — new conversation
    /settings — confirmation limit
    /language — language
    /terms — terms of sale
    /paysupport — payment support

## Commands
cmd-start = Start the bot and open the menu
cmd-models = Choose an AI model
cmd-balance = Tokens, plan and limits
cmd-buy = Buy tokens with Stars
cmd-plans = Subscription plans
cmd-new = Start a new conversation
cmd-settings = Settings
cmd-language = Change language
cmd-help = How it works
cmd-terms = Terms of sale
cmd-paysupport = Payment support and refunds

## Balance
balance =
    <b>💰 Balance: { $total } 🪙</b>
    • subscription tokens: { $sub }
    • package tokens: { $pkg } (never expire)

    Plan: <b>{ $plan }</b>{ $until }
    Requests left this hour: { $hour } · today: { $day }
balance-until = {" "}until { $date }
balance-unlimited = no limit

## Models
models-choose-category = <b>Choose a category</b>
    Prices are in tokens per request. 🔒 — needs a paid plan.
models-choose-model = <b>{ $category }</b>
    Choose a model. Balance: { $balance } 🪙
category-text = 💬 Text
category-image = 🖼 Images
category-video = 🎬 Video
category-music = 🎵 Music
category-tts = 🗣 Text to speech
category-stt = 📝 Speech to text
category-audio = 🎧 Audio tools
category-tool = 🛠 Image tools
model-button = { $lock }{ $name } · { $price } 🪙
model-card =
    <b>{ $name }</b> · { $vendor }
    Price: <b>{ $price }</b> 🪙 per request{ $range }
    Balance: { $balance } 🪙
model-card-range = {" "}(from { $min } to { $max } depending on parameters)
model-card-text-ready = ✅ Selected. Send your message — I will answer with { $name }.
model-card-locked = 🔒 This model needs a paid plan (Basic or higher). Any plan unlocks all 52 models.
model-card-unavailable = ⛔ This model is unavailable right now. Please choose another one.
btn-select-other = Choose another model

## Generation
no-model-selected = First choose a model: /models
quote =
    <b>{ $name }</b>
    This request costs <b>{ $price }</b> 🪙. Balance: { $balance } 🪙.
btn-confirm = ✅ Confirm · { $price } 🪙
btn-cancel = ✖️ Cancel
quote-cancelled = Cancelled. No tokens were taken.
quote-expired = This quote is no longer valid.
answer-footer = — { $price } 🪙 · balance: { $balance } 🪙

## Refusals
error-insufficient-tokens =
    Not enough tokens: this request costs <b>{ $price }</b> 🪙, your balance is <b>{ $balance }</b> 🪙.
    Top up with a package or a plan.
error-rate-limited-hour = ⏱ Your plan allows { $limit } requests per hour. You can continue at { $time } (UTC).
error-rate-limited-day = ⏱ Your plan allows { $limit } requests per day. You can continue at { $time } (UTC) — or raise the limit with a bigger plan: /plans
error-model-locked = 🔒 { $name } needs a paid plan. Any plan unlocks all 52 models: /plans
error-model-unavailable = ⛔ { $name } is unavailable right now. Please choose another model: /models
error-provider = 😔 Sorry, { $name } could not answer ({ $reason }). No tokens were taken — you can try again.
error-provider-moderation = 😔 { $name } refused this request: { $reason }. No tokens were taken.
error-cancelled = ✖️ Cancelled. No tokens were taken.
error-generic = 😔 Something went wrong on our side. No tokens were taken. Please try again.
reason-timeout = it took too long
reason-rate_limited = the service is busy
reason-overloaded = the service is overloaded
reason-unavailable = the service is unavailable
reason-auth = the service is misconfigured
reason-billing = the service is temporarily unavailable
reason-moderation = content policy
reason-bad_request = the request was rejected
reason-bad_response = an unexpected answer
reason-network = a network error
reason-deadline = the time limit ran out
reason-undeliverable = the result could not be sent
reason-interrupted = the bot was restarted
reason-internal = an internal error
reason-cancelled = cancelled

## New conversation
new-conversation = 🆕 New conversation started. Earlier messages will not be used as context.

## Language
language-choose = Choose your language:
language-set = ✅ Language: English

## Settings
settings =
    <b>⚙️ Settings</b>
    Requests up to <b>{ $tokens }</b> 🪙 run at once; dearer ones ask for confirmation first.
    Media generations always show a quote first.
settings-auto-confirm = { $selected }{ $tokens } 🪙
settings-saved = Saved

## Admin
grant-usage = Usage: /grant &lt;user_id&gt; &lt;tokens&gt;
grant-no-user = No user with id { $id }.
grant-done = ✅ Credited { $tokens } 🪙 to { $id }. Their balance: { $balance } 🪙.
grant-received = 🎁 You received { $tokens } 🪙. Balance: { $balance } 🪙.

## Unhandled
unhandled = I did not understand that. Choose a model with /models or see /help.
callback-unknown = This button is out of date.

## Progress and delivery
progress = ⏳ { $name } is working… { $elapsed }{ $percent }
btn-original = 📎 Original file
btn-download = ⬇️ Download
result-as-link = The result ({ $size } MB) is too large to send in Telegram — download it here.
error-input-too-large = The file is too large ({ $size } MB): Telegram lets bots download up to { $limit } MB. Please send a smaller one.
