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
    💡 { $bestFor }
    Price: <b>{ $price }</b> 🪙 { $unit ->
        [minute] per minute of audio
       *[request] per request
    }{ $range }
    Balance: { $balance } 🪙
model-card-range = {" "}(from { $min } to { $max } depending on parameters)
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
error-rate-limited-hour = ⏱ Your plan allows { $limit } requests per hour. You can continue at { $time }.
error-rate-limited-day = ⏱ Your plan allows { $limit } requests per day. You can continue at { $time } — or raise the limit with a bigger plan: /plans
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

## Payments: packages
buy-screen =
    <b>🛒 Token packages</b>
    Paid with Telegram Stars ⭐. Package tokens never expire and are spent after your subscription tokens.

    { $list }

    Tap a package to get its invoice. Terms of sale: /terms
buy-line = • <b>{ $name }</b> — { $tokens } 🪙 for { $stars } ⭐
btn-package = { $name } · { $tokens } 🪙 · { $stars } ⭐
invoice-package-title = { $name } · { $tokens } tokens
invoice-package-description = { $tokens } tokens for any of the 52 models. Package tokens never expire and are spent after subscription tokens.
invoice-package-label = { $tokens } tokens
buy-unknown-package = This package is no longer sold. See the current ones: /buy

## Payments: checkout
precheckout-currency = This invoice is not in Telegram Stars. Please open /buy again.
precheckout-invalid = This invoice is not valid. Please open /buy or /plans and try again.
precheckout-not-yours = This invoice was issued to another user. Please open /buy or /plans to get your own.
precheckout-unknown-product = This product is no longer sold. Please open /buy or /plans again.
precheckout-price-changed = The price has changed since this invoice was issued. Please open /buy or /plans again.
precheckout-plan-active = You already have a plan that renews. To switch, cancel its renewal in /plans first.
precheckout-error = Payments are briefly unavailable. Nothing was charged — please try again in a minute.
payment-receipt-package =
    ✅ Payment received: <b>{ $name }</b>, +{ $tokens } 🪙 for { $stars } ⭐.
    Your balance: <b>{ $balance }</b> 🪙
    Receipt: <code>{ $charge }</code> (for /paysupport)
payment-receipt-plan =
    ✅ Plan <b>{ $name }</b> is active until { $date }: { $tokens } subscription tokens for { $stars } ⭐. Unused ones do not carry over to the next month.
    Your balance: <b>{ $balance }</b> 🪙
    Receipt: <code>{ $charge }</code> (for /paysupport)
payment-receipt-renewal =
    🔄 Plan <b>{ $name }</b> renewed until { $date }: subscription tokens set to { $tokens } 🪙 for { $stars } ⭐.
    Your balance: <b>{ $balance }</b> 🪙
    Receipt: <code>{ $charge }</code> (for /paysupport)
payment-duplicate = This payment was already credited. Your balance: <b>{ $balance }</b> 🪙
payment-unrecognized = ⚠️ We received { $stars } ⭐ but could not match the payment to a product. Nothing is lost: send /paysupport with the receipt <code>{ $charge }</code> and we will credit or refund it.

## Payments: plans
plans-screen =
    <b>⭐ Plans</b>
    Any paid plan unlocks all 52 models. Subscription tokens arrive every 30 days and do not carry over; package tokens never expire.

    { $list }

    { $current }
plans-line = <b>{ $name }</b> — { $tokens } 🪙 a month · { $limits } · <b>{ $stars } ⭐</b> a month
plans-limits = { $hour } requests/hour, { $day }/day
plans-limits-none = no request limits
plans-current-starter = Your plan: <b>Starter</b> (free: { $limits }).
plans-current-renews = Your plan: <b>{ $name }</b> until { $date }, renews automatically.
plans-current-canceled = Your plan: <b>{ $name }</b> until { $date }. Renewal is cancelled: after that you return to Starter and keep your package tokens.
btn-plan = { $mark }{ $name } · { $stars } ⭐
btn-plan-cancel = ✖️ Cancel renewal
btn-plan-resume = 🔄 Resume renewal
plan-card =
    <b>{ $name }</b>
    • { $tokens } 🪙 every 30 days (unused ones do not carry over)
    • { $limits }
    • all 52 models
    • <b>{ $stars } ⭐</b> every 30 days, renews automatically. Cancel any time in /plans — the plan stays until the end of the paid period.

    { $action }
plan-card-pay = Tap the button to subscribe.
plan-card-switch = You have <b>{ $current }</b> until { $date } and it renews. To switch, cancel its renewal first, then subscribe here.
plan-card-resume = Your <b>{ $current }</b> renewal is cancelled: resume it instead of paying again.
btn-plan-subscribe = ⭐ Subscribe for { $stars } ⭐
invoice-plan-title = { $name } plan · 30 days
invoice-plan-description = { $tokens } tokens every 30 days, { $limits }, all 52 models. Renews automatically; cancel any time in /plans.
invoice-plan-label = { $name } · 30 days
plan-cancel-ask = Cancel the renewal of <b>{ $name }</b>? The plan and its tokens stay until { $date }; you will not be charged again.
btn-plan-cancel-confirm = Yes, cancel renewal
plan-canceled = ✖️ Renewal cancelled. <b>{ $name }</b> stays until { $date }.
plan-resumed = 🔄 Renewal resumed. <b>{ $name }</b> renews on { $date }.
plan-no-subscription = You have no subscription to change.
plan-change-failed = Telegram did not accept the change. Please try again later.
subscription-canceled = ✖️ You cancelled the renewal of <b>{ $name }</b>. The plan stays until { $date }.
subscription-active = 🔄 The renewal of <b>{ $name }</b> is on again; the next payment is on { $date }.
subscription-failed = ⚠️ The renewal payment for <b>{ $name }</b> failed. The plan stays until { $date }; top up your Stars and Telegram will try again, or choose a plan in /plans.

## Payments: support and terms
paysupport =
    <b>💬 Payment support</b>
    { $payments }

    To ask about a payment or a refund, send <code>/paysupport</code> followed by your message and the receipt, for example:
    <code>/paysupport refund stxP… bought by mistake</code>
    We answer here, in this chat. A refund returns the Stars to your Telegram balance and takes the purchased tokens back. Terms of sale: /terms
paysupport-none = You have no payments yet.
paysupport-recent = Your recent payments:
paysupport-line =
    • { $date } · { $product } · { $stars } ⭐{ $refunded }
      <code>{ $charge }</code>
paysupport-refunded = {" "}· refunded
paysupport-sent = ✅ Your message went to support. We will answer here.
paysupport-unavailable = 😔 Support could not be reached right now. Please try again later.
paysupport-to-admin =
    📨 Payment support request from { $name } (id <code>{ $id }</code>):
    { $text }

    { $payments }
terms =
    <b>📄 Terms of sale</b>
    1. We sell digital goods only: tokens for the AI models of this bot, as one-time packages and monthly plans, paid in Telegram Stars ⭐.
    2. Prices are shown in Stars before you pay. Every request shows its price in tokens before anything is spent; a failed generation costs nothing.
    3. Package tokens never expire and are spent after subscription tokens.
    4. A plan renews every 30 days until you cancel it in /plans. After cancelling, the plan and its tokens stay until the end of the paid period. Subscription tokens do not carry over to the next period.
    5. Refunds: write to /paysupport with the receipt of the payment. A refund returns the Stars and takes back the tokens of that purchase; tokens already spent cannot be taken back.
    6. Model answers are generated automatically; do not rely on them for medical, legal or financial decisions.
    7. Payment questions: /paysupport. Telegram's support cannot help with purchases made in this bot.

## Payments: admin
refund-usage = Usage: /refund &lt;telegram_payment_charge_id&gt;
refund-not-found = No payment with the charge id <code>{ $charge }</code>.
refund-already = Payment <code>{ $charge }</code> was already refunded on { $date }.
refund-failed = Telegram refused the refund: { $reason }
refund-done = ✅ Refunded { $stars } ⭐ to user <code>{ $id }</code> for { $product }. Took back { $taken } 🪙; { $missing } 🪙 had already been spent.{ $planEnded }
refund-plan-ended = {" "}Their plan ended.
refund-received = ↩️ Your payment of { $stars } ⭐ for { $product } was refunded; { $taken } 🪙 were taken back. Your balance: <b>{ $balance }</b> 🪙
stats =
    <b>📊 Stats</b>
    Users: { $users }
    Payments: { $payments } from { $payers } payers
    Stars received: { $stars } ⭐ (refunded: { $refunds } payments, { $refundedStars } ⭐)

    <b>Tokens spent by model</b>
    { $models }
stats-model-line = { $model } — { $tokens } 🪙 in { $count } requests
stats-no-spending = nothing yet

## Payments: token history
btn-history = 📜 History
history-screen =
    <b>📜 Token history</b> (newest first)
    { $lines }
history-empty = No entries yet.
history-line = { $date } · { $what } · <b>{ $delta }</b>
history-welcome = welcome tokens
history-purchase = bought { $product }
history-cycle = plan { $product }: subscription tokens set to { $tokens }
history-expiry = subscription tokens expired ({ $product })
history-refund = refund of { $product }
history-grant = gift from the team
history-referral = referral bonus
history-credit = credited
history-generation = { $model }
history-generation-running = { $model } (running)
btn-history-older = Older »
btn-history-newer = « Newer

## Media models
model-card-params = Parameters: { $params }
model-card-send-prompt = ✍️ { $name } takes text: describe what to create.
model-card-send-prompt-image = ✍️ { $name } takes a description — or a photo with a caption to start from it.
model-card-send-image = 🖼 { $name } takes a photo: send one.
model-card-send-image-prompt = 🖼 { $name } takes a photo with a caption saying what to do with it.
model-card-send-image-image = 🖼 { $name } takes two photos: the one with the face, then the one to put it on.
model-card-send-audio = 🎙 { $name } takes a voice message or an audio file.
model-card-send-speech = 🎙 { $name } takes a voice message, an audio file or a video note.
param-set = Price now: { $price } 🪙
input-unsupported = I can't use this kind of file. Send a photo, a voice message or an audio file.
input-image-unexpected = The selected model doesn't take photos. Choose an image tool or editor in /models.
input-now-prompt = 👍 Photo received. Now send what to do with it.
input-now-second-photo = 👍 First photo received. Now send the second one.
original-gone = The original file is no longer available.
transcript-heard = 🎤 <i>{ $text }</i>

## Media jobs
reason-failed = the generation failed

## Support dialog
btn-write-support = ✉️ Write to support
support-ask = ✉️ Describe your question in one message (add the receipt if it is about a payment). I will pass it to support.
support-cancelled = Cancelled.

## Developer API
cmd-api = Developer API keys
api-keys-screen =
    🔑 <b>Developer API</b>
    The same balance, from code. Base URL (also the OpenAI SDK's <code>baseURL</code>):
    <code>{ $url }</code>
    Documentation: { $url }/docs

    Your keys ({ $count } of { $max }):
    { $keys }
api-keys-line = • { $label } — …{ $last4 }
api-keys-none = no keys yet
api-keys-created =
    🔑 Your new key — it is shown only once, so copy it now:
    <code>{ $key }</code>

    Send it as <code>Authorization: Bearer …</code> to <code>{ $url }</code>
api-keys-too-many = You already have { $max } keys. Revoke one first.
api-keys-revoke-confirm = Revoke the key <b>{ $label }</b> (…{ $last4 })? Programs that use it will stop working at once.
api-keys-revoked = Key revoked
api-keys-private-only = API keys are managed only in a private chat with me.
api-keys-off = 🔑 The developer API is not switched on for this bot yet.
btn-api-key-new = ➕ New key
btn-api-key-revoke = 🗑 Revoke { $label } …{ $last4 }
btn-api-key-revoke-yes = 🗑 Yes, revoke
api-history-mark = · API

## Stop
stop-thinking = Thinking…
stop-footer = ⏹ Stopped
stop-before-text = ⏹ Stopped before the answer began. No tokens were taken.
stop-card-rules = ⏹ You can stop an answer while it is being written: stopped before any text — free; stopped later — the part written so far stays and costs the usual price.

## Growth: referrals, promo codes, admin tools
cmd-referral = Invite friends and earn tokens
referral-screen =
    <b>🤝 Invite friends</b>
    Your link: { $link }
    For { $days } days after a friend joins, you get { $percent }% of the tokens of every purchase they make.

    Joined: <b>{ $joined }</b> · Paid: <b>{ $paid }</b> · Earned: <b>{ $earned }</b> 🪙
referral-btn-share = 📤 Share the link
referral-share-text = 52 AI models in one Telegram bot
referral-reward = 🤝 { $name } made a purchase through your link: +{ $tokens } 🪙. Balance: <b>{ $balance }</b> 🪙
promo-usage = Usage: /promo &lt;code&gt;
promo-granted = 🎁 Code <b>{ $code }</b>: +{ $tokens } 🪙. Balance: <b>{ $balance }</b> 🪙
promo-bonus-waiting = 🎁 Code <b>{ $code }</b> accepted: your next token package comes with +{ $percent }% tokens.
promo-bonus-applied = 🎁 Code <b>{ $code }</b>: +{ $tokens } 🪙 bonus on this purchase.
promo-unknown = There is no code <b>{ $code }</b>.
promo-disabled = Code <b>{ $code }</b> no longer works.
promo-expired = Code <b>{ $code }</b> has expired.
promo-used-up = Code <b>{ $code }</b> has been used up.
promo-already = You have already used code <b>{ $code }</b>.
promo-create-usage =
    Usage: /promo_create &lt;CODE&gt; &lt;tokens&gt; [max_uses] [expires YYYY-MM-DD]
    or /promo_create &lt;CODE&gt; +&lt;percent&gt;% [max_uses] [expires YYYY-MM-DD] for a bonus on the next package purchase
promo-create-exists = Code <b>{ $code }</b> already exists.
promo-created = ✅ Code <b>{ $code }</b> created: { $what }.
promo-what-tokens = +{ $tokens } 🪙
promo-what-bonus = +{ $percent }% on the next package
promo-list-title = <b>🎟 Promo codes</b>
promo-list-empty = No promo codes yet.
promo-list-line = <b>{ $code }</b> — { $what } · used { $uses }/{ $max } · until { $until }{ $state }
promo-state-disabled = {" "}· disabled
promo-disable-usage = Usage: /promo_disable &lt;CODE&gt;
promo-disabled-done = Code <b>{ $code }</b> is disabled.
blocked-notice = Your access to the bot has been suspended. Write to /paysupport if you think this is a mistake.
user-admin-usage = Usage: /user &lt;id or @username&gt;
user-admin-not-found = No user { $query }.
user-admin-card =
    <b>👤 User <code>{ $id }</code></b> { $name } { $username }
    Joined: { $joined } · Referrer: { $referrer } · Blocked: { $blocked }
    Plan: <b>{ $plan }</b> until { $until }
    Balance: <b>{ $total }</b> 🪙 (plan { $sub } · packages { $pkg })
    Requests: { $hour } this hour · { $day } in 24 hours

    <b>Last jobs</b>
    { $jobs }

    <b>Last payments</b>
    { $payments }
user-admin-job = #{ $id } { $model } · { $status } · { $price } 🪙 · { $date }
user-admin-payment = { $date } · { $stars } ⭐ · { $product } · <code>{ $charge }</code>{ $refunded }
user-admin-refunded = {" "}(refunded)
user-admin-none = none
user-admin-blocked-yes = yes
user-admin-blocked-no = no
user-admin-btn-grant = 🎁 Grant
user-admin-btn-refund = ↩️ Refund last payment
user-admin-btn-block = 🚫 Block
user-admin-btn-unblock = ✅ Unblock
user-admin-btn-confirm = ↩️ Yes, refund
user-admin-grant-pick = How many tokens to grant to { $id }?
user-admin-no-payment = User { $id } has no payment to refund.
user-admin-refund-confirm = Refund { $stars } ⭐ for { $product } to user { $id }? (<code>{ $charge }</code>)
user-admin-blocked-done = Blocked
user-admin-unblocked-done = Unblocked
broadcast-ask = 📣 Send or forward the text message to broadcast. You will see a preview before anything is sent.
broadcast-text-only = Only text messages can be broadcast. Send a text.
broadcast-confirm = ☝️ This is the preview. Recipients: { $count }. Send it?
broadcast-btn-send = 📣 Send
broadcast-btn-cancel = ✖️ Cancel
broadcast-cancelled = Broadcast cancelled.
broadcast-not-draft = This broadcast is no longer waiting for confirmation.
broadcast-progress = 📣 Broadcast #{ $id }: { $done } of { $total } — delivered { $delivered }, blocked { $blocked }, failed { $failed }
broadcast-done = ✅ Broadcast #{ $id } finished: delivered { $delivered }, blocked { $blocked }, failed { $failed }
broadcast-settings-on = 📣 News from the bot: on
broadcast-settings-off = 📣 News from the bot: off
## What users see
ux-answer-footer = — { $model } · { $price } 🪙 · balance: { $balance } 🪙
ux-confirm-already = ⏳ Already confirmed — it is running.
ux-locked-prompt = 🔒 { $model } needs a paid plan, so it did not answer this message and nothing was charged. Any plan unlocks all 52 models.
ux-failed-busy = 😔 { $model } is busy right now. No tokens were taken — try again in a minute.
ux-failed-moderation = 🚫 { $model } refused this request under its content rules ({ $category }). No tokens were taken.
ux-failed-unavailable = 😔 { $model } is unavailable right now. No tokens were taken — try again later, or choose another model in /models.
ux-failed-timeout = ⏱ { $model } took too long to answer. No tokens were taken.
ux-failed-input = 😔 { $model } could not accept this request. No tokens were taken — try rewording it or sending another file.
ux-failed-ours = 😔 Something went wrong on our side with { $model }. No tokens were taken.
ux-category-minors = minors
ux-category-self-harm = self-harm
ux-category-sexual = sexual content
ux-category-hate = hate or harassment
ux-category-violence = violence
ux-category-illicit = illegal activity
ux-category-likeness = real people or protected works
ux-category-other = content policy
ux-btn-retry = 🔁 Retry
ux-retry-gone = This request can no longer be repeated.
ux-retry-already = Already retried.
ux-admin-provider-alert = ⚠️ <b>{ $provider }</b>: { $problem }. Requests to its models (last: { $model }) fail and users are told the model is unavailable. Next alert for this provider in an hour at the earliest; details in the log.
ux-admin-problem-auth = the API key was rejected
ux-admin-problem-billing = the account is out of quota or credit
stats-growth =
    <b>Users</b>: new { $new1 } (1 day) · { $new7 } (7 days); active { $active1 } (1 day) · { $active7 } (7 days)
    <b>Stars received</b>: { $stars1 } ⭐ (1 day) · { $stars30 } ⭐ (30 days)
    <b>Tokens</b>: sold { $tokensSold } 🪙 · spent { $tokensSpent } 🪙
    <b>Jobs in flight</b>: { $jobsInFlight }

    <b>Failures by provider (30 days)</b>
    { $failures }
stats-growth-failure-line = { $provider } — { $failed } of { $total } ({ $percent }%)
export-usage = Usage: /export payments|ledger &lt;from YYYY-MM-DD&gt; &lt;to YYYY-MM-DD&gt; (UTC, both days included)
export-caption = { $what }: { $rows } rows

## Groups
groups-private-only = That's private: I'll show it in our private chat.
groups-open-private = Open in private chat
groups-not-yours = This button is for the person who asked.
groups-sent-privately = I sent the quote to your private chat.
groups-start-privately = Start a private chat with me first to confirm a request.
groups-answer-footer = — { $model }
groups-empty-prompt = Ask me something after the mention.
groups-guest-no-model = No model is available for this right now.
groups-kind-off = { $kind } models are switched off in this group.
groups-cap-reached = You've reached this group's daily limit of { $cap } tokens per member.
groups-settings =
    <b>Group settings</b>
    Answers: { $state }
    Model categories members may use are marked ✅.
    Daily limit per member: { $cap }
groups-settings-on = on
groups-settings-off = off
groups-settings-btn-on = Turn answers on
groups-settings-btn-off = Turn answers off
groups-settings-no-cap = no limit
groups-settings-admins-only = Only the group's admins can change these settings.
cmd-groupsettings = Bot settings for this group (admins)
groups-settings-in-groups = /groupsettings works in groups.

## Actions under results
act-btn-regenerate = 🔁 Regenerate · { $price } 🪙
act-btn-other-model = 🔀 Other model
act-btn-new-chat = 🆕 New chat
act-btn-again = 🔁 Again · { $price } 🪙
act-btn-upscale = ⬆️ Upscale · { $price } 🪙
act-btn-edit = ✏️ Edit
act-btn-mj-upscale = U{ $n } · { $price } 🪙
act-btn-mj-variation = V{ $n } · { $price } 🪙
act-gone = This result can no longer be acted on.
act-other-model-choose = 🔀 Which model should answer the same prompt?
act-model-button = { $name } · { $price } 🪙
act-edit-prompt = ✏️ Send what to change in this image: { $name } will edit it ({ $price } 🪙, shown again before anything is spent).
offer-photo-choose = 📷 What should I do with this photo? Choose a tool, or a model to ask about it (the caption is the prompt):
offer-photo-tool-button = { $name } · { $price } 🪙
offer-photo-ask-button = 💬 { $name } · { $price } 🪙
offer-photo-gone = The photo is no longer available: send it again.
offer-photo-now-question = Now send your question about the photo ({ $price } 🪙).
act-other-model-none = 🔀 No other text model can answer on your plan right now. Any paid plan unlocks all 52 models.
## Model routes
routes-unavailable-sora = ⛔ OpenAI shut down the Sora 2 API on 24 September 2026, and no other service offers Sora 2. Please choose another video model.
routes-unavailable-openai-speech = ⛔ OpenAI is retiring this voice model: its replacement only speaks in live voice sessions, which this bot does not run. Please choose another voice model.
routes-unavailable-operator = ⛔ This model is unavailable: { $reason }

## Model health
health-notice-unavailable = ⛔ <b>{ $name }</b> (<code>{ $slug }</code>) is now unavailable: { $provider } no longer lists <code>{ $upstream }</code> or any of its fallbacks. Users see ⛔ and nothing is sent upstream.
health-notice-available = ✅ <b>{ $name }</b> (<code>{ $slug }</code>) is available again: { $provider } lists <code>{ $upstream }</code>.
health-notice-fallback = ↪️ <b>{ $name }</b> (<code>{ $slug }</code>) is now served by the fallback <code>{ $upstream }</code> on { $provider }: <code>{ $route }</code> is not listed.
health-notice-primary = ✅ <b>{ $name }</b> (<code>{ $slug }</code>) is served by its own upstream <code>{ $upstream }</code> on { $provider } again.
health-title = <b>Model health</b> (status · product · provider/upstream · last checked)
health-line = { $mark } <code>{ $slug }</code> · { $provider }/<code>{ $upstream }</code> · { $checked }
health-never-checked = not checked

## Long-thinking models
thinking-progress = 🧠 { $name } is thinking… { $elapsed }
## Money
money-payment-delayed = ✅ Your payment arrived, and its tokens will be credited within the hour. Nothing is lost; if they don't appear, send /paysupport with the receipt <code>{ $charge }</code>.
money-reconciled-credited =
    ✅ Your payment of { $stars } ⭐ is credited: +{ $tokens } 🪙.
    Receipt: <code>{ $charge }</code> (for /paysupport)
money-reconcile-report =
    <b>🧾 Stars reconciliation</b>
    Transactions read: { $scanned }
    Payments credited now: { $credited }
    Refunds taken back now: { $refunded }
    Payments for no known product: { $unrecognized }
    Errors: { $failed }
money-reconcile-credited = <b>Credited:</b>
money-reconcile-refunded = <b>Taken back:</b>
money-reconcile-unrecognized = <b>No known product:</b>
money-reconcile-failed = <b>Errors (see the log; the next run retries):</b>
money-reconcile-line = • <code>{ $charge }</code> · user { $id } · { $stars } ⭐ · { $tokens } 🪙
## Delivery and input limits
delivery-card-max-input = Recordings up to { $minutes } min.
delivery-input-too-long = { $name } takes recordings up to { $limit } min; this one is { $length } min. Nothing was charged — send a shorter one.
## Vision and support
vision-model-blind = { $name } doesn't read pictures. Choose a model that does in /models: { $models }.
vision-document-too-large = The file is too large for a text model: up to { $mb } MB and { $chars } characters of text. Nothing was charged — send a smaller one.
vision-document-too-long = The document is too long for a text model: up to { $chars } characters of text ({ $mb } MB per file). Nothing was charged — send a shorter one.
vision-document-unreadable = I couldn't read the text of this file. Nothing was charged — check that it opens, or paste the text as a message.
vision-document-unsupported = A text model reads PDF, .txt, .md, .csv and .docx files up to { $mb } MB and { $chars } characters of text.
vision-now-question-photo = 👍 Photo received. Now send your question about it.
vision-now-question-document = 👍 File received. Now send your question about it.
helpdesk-to-admin =
    📨 <b>Support request</b> from { $name } (id <code>{ $id }</code>) { $tag }
    { $text }

    { $payments }

    Reply to this message, or press Reply, to answer the user in their chat.
helpdesk-user-payments = <b>This user's payments</b> (not yours):
helpdesk-user-no-payments = This user has made no payments.
helpdesk-btn-reply = ↩️ Reply
helpdesk-reply-prompt = ✍️ Your answer to user <code>{ $id }</code> { $tag } — write it as a reply to this message.
helpdesk-reply-placeholder = Answer to the user
helpdesk-answer =
    💬 <b>Support replied:</b>
    { $text }
helpdesk-answer-sent = ✅ Sent to user { $id }.
helpdesk-answer-failed = 😔 Could not deliver the answer to user { $id } (they may have blocked the bot).
helpdesk-btn-ask = ❓ Ask a question
helpdesk-ask = ❓ Ask anything about the bot: prices, plans, models, limits, refunds. The answer is free.
helpdesk-free-note = ℹ️ Free answer from the help desk, based on the price list and rules. For a payment problem: /paysupport.
helpdesk-unavailable = 😔 The help desk can't answer right now. See /plans, /buy and /models, or write to /paysupport.
## Model cards and parameters
model-card-do-text-prompt = ✅ Selected. Send your question — { $name } will answer.
model-card-do-image-prompt = ✅ Selected. Describe the picture you want.
model-card-do-image-prompt-image = ✅ Selected. Describe the picture — or send a photo with a caption to start from it.
model-card-do-image-image-prompt = ✅ Selected. Send a photo with a caption saying what to change in it.
model-card-do-video-prompt = ✅ Selected. Describe the scene for the video.
model-card-do-video-prompt-image = ✅ Selected. Describe the scene — or send a photo with a caption to bring it to life.
model-card-do-video-image-prompt = ✅ Selected. Send a photo with a caption describing how it should come to life.
model-card-do-music-prompt = ✅ Selected. Describe the song: genre, mood, instruments, what it is about.
model-card-do-tts-prompt = ✅ Selected. Send the text to speak.
model-card-do-stt-speech = ✅ Selected. Send a voice message or an audio file (a video note works too).
model-card-do-tool-image = ✅ Selected. Send a photo.
model-card-do-tool-image-image = ✅ Selected. Send the photo with the face, then the photo to put it on.
model-card-do-tool-image-prompt = ✅ Selected. Send a photo with a caption saying what to do with it.
model-card-do-elevenlabs-sfx = ✅ Selected. Describe the sound: “rain on a tin roof”, “a door creaks open”.
model-card-do-el-voice-changer = ✅ Selected. Send a voice message or an audio file — it comes back in the chosen voice.
model-card-do-el-voice-isolator = ✅ Selected. Send a voice message or an audio file to clean it of background noise.
model-card-do-el-dubbing = ✅ Selected. Send a voice message, an audio file or a video to dub. The price is per minute of audio: each started minute counts.
model-card-do-el-dialogue = ✅ Selected. Send the dialogue, one line per turn, like “Anna: Hi!”: the first speaker gets Voice 1, the second Voice 2.
param-row-label = { $label }:
param-row-hint = { $label }: choose a value below. Where the prices differ, each value shows its price in tokens.
param-label-size = Size
param-label-quality = Quality
param-label-aspect-ratio = Aspect ratio
param-label-resolution = Resolution
param-label-duration = Duration
param-label-mode = Mode
param-label-speed = Speed
param-label-version = Version
param-label-voice = Voice
param-label-voice-1 = Voice 1
param-label-voice2 = Voice 2
param-label-style = Style
param-label-batch = Videos
param-label-motion = Motion
param-label-audio = Sound
param-label-scale = Scale
param-label-target-lang = Language
param-value-seconds = { $n } s
param-value-times = { $n }×
param-value-on = On
param-value-off = Off
param-value-quality-standard = Standard
param-value-quality-hd = HD
param-value-quality-low = Low
param-value-quality-medium = Medium
param-value-quality-high = High
param-value-aspect-ratio-match-input-image = As the photo
param-value-aspect-ratio-landscape = Landscape
param-value-aspect-ratio-portrait = Portrait
param-value-mode-standard = Standard
param-value-mode-pro = Pro
param-value-speed-relax = Relax
param-value-speed-fast = Fast
param-value-speed-turbo = Turbo
param-value-style-any = Any
param-value-style-realistic-image = Realistic
param-value-style-digital-illustration = Illustration
param-value-motion-low = Low
param-value-motion-high = High
param-value-target-lang-en = English
param-value-target-lang-ru = Russian
param-value-target-lang-es = Spanish
param-value-target-lang-de = German
param-value-target-lang-fr = French
param-value-target-lang-it = Italian
param-value-target-lang-pt = Portuguese
param-value-target-lang-pl = Polish
param-value-target-lang-tr = Turkish
param-value-target-lang-uk = Ukrainian
param-value-target-lang-ja = Japanese
param-value-target-lang-zh = Chinese
param-value-target-lang-ko = Korean
param-value-target-lang-ar = Arabic
param-value-target-lang-hi = Hindi
model-best-for-gpt-5-nano = Quick everyday answers: facts, short texts, translations.
model-best-for-claude-haiku-4-5 = Fast, careful answers and summaries of long texts.
model-best-for-gemini-2-5-flash = Fast answers with a broad knowledge of the world.
model-best-for-deepseek-v3 = Everyday questions, code and math at a low price.
model-best-for-grok-4-fast = Quick, direct answers in a conversational tone.
model-best-for-gpt-5 = Thoughtful answers, writing and code for harder tasks.
model-best-for-deepseek-r1 = Step-by-step reasoning: math, logic and puzzles.
model-best-for-gpt-5-2 = Complex analysis, long documents and advanced code.
model-best-for-claude-sonnet-4-5 = Writing, editing and programming with attention to detail.
model-best-for-gemini-3-pro = In-depth research questions and long documents.
model-best-for-claude-opus-4-5 = The hardest tasks: deep analysis, large codebases, nuanced writing.
model-best-for-gpt-5-2-pro = The most demanding problems, thought through for minutes.
model-best-for-photon-flash = Quick, inexpensive pictures from a description.
model-best-for-dall-e-3 = Illustrations that follow the description closely, with readable text.
model-best-for-gpt-image-1-5 = Detailed images with accurate text and layouts.
model-best-for-flux-1-1-pro = Photorealistic images with fine detail.
model-best-for-flux-kontext-pro = Editing a photo by instruction: change the background, the clothes, the style.
model-best-for-sd-3-5-large = Art in many styles, from photo to painting.
model-best-for-midjourney = Artistic, atmospheric images with a signature look.
model-best-for-recraft-v3 = Design: posters, graphics and illustrations.
model-best-for-photon = High-quality pictures with rich composition.
model-best-for-nano-banana-pro = Precise images and photo edits, up to 4K.
model-best-for-luma-ray2-flash = Short clips from a description, quickly and cheaply.
model-best-for-kling-v2-1 = Bringing a photo to life as a smooth video.
model-best-for-minimax-video = Expressive clips from a description or a photo.
model-best-for-luma-ray2 = Cinematic clips with realistic motion, up to 1080p.
model-best-for-midjourney-video = Short clips animated from a Midjourney picture of your description.
model-best-for-sora-2 = Realistic video scenes with sound.
model-best-for-veo-3-1 = Cinematic video with synchronized sound, up to 1080p.
model-best-for-musicgen = 30-second instrumental tracks in the genre and mood you name.
model-best-for-elevenlabs-music = One-minute songs with vocals.
model-best-for-minimax-tts = Inexpensive, natural-sounding voice-over.
model-best-for-openai-tts = Clear voice-over in six voices.
model-best-for-openai-tts-hd = Voice-over in higher audio quality.
model-best-for-gpt-4o-mini-tts = Expressive voice-over in nine voices.
model-best-for-elevenlabs-flash = Fast, natural voice-over in many languages.
model-best-for-elevenlabs-v2 = The most lifelike voice-over, in many languages.
model-best-for-whisper = Turning voice messages and recordings into text.
model-best-for-gpt-4o-transcribe = Accurate transcripts, even of noisy recordings.
model-best-for-elevenlabs-scribe = Transcripts of long recordings in many languages.
model-best-for-elevenlabs-sfx = Sound effects from a description.
model-best-for-el-voice-changer = Your recording, said in another voice.
model-best-for-el-voice-isolator = Removing background noise from a recording.
model-best-for-el-dubbing = Translating the speech in a recording into another language.
model-best-for-el-dialogue = Voicing a dialogue with two voices.
model-best-for-upscale = Enlarging a photo 2× or 4× with sharper detail.
model-best-for-face-swap = Putting a face from one photo onto another.
model-best-for-remove-bg = Cutting the subject out of its background.
model-best-for-style-transfer = Redrawing a photo in another style.
model-best-for-colorize = Bringing color to black-and-white photos.
model-best-for-inpaint = Changing or removing part of a photo by description.
model-best-for-text-ocr = Reading the text in a photo.

## Dead ends: kept prompts and the help desk limit
kept-prompt-note = 💾 Your request is kept for 24 hours: after a top-up I will offer to run it.
kept-prompt-offer =
    ▶️ Your request is waiting: <b>{ $name }</b> — { $prompt }
    It costs <b>{ $price }</b> 🪙; your balance after it: <b>{ $after }</b> 🪙. The offer holds until { $until }.
kept-prompt-no-text = a voice or file request
btn-kept-prompt-run = ▶️ Run it now
kept-prompt-gone = This request has already been run, or the offer has expired.
helpdesk-limited = ⏳ The help desk answers up to { $limit } questions an hour. You can ask again at { $time }. Meanwhile: /plans, /buy, /models, or /paysupport for a payment problem.
