## Common
tokens = { $count ->
    [one] { $count } токен
    [few] { $count } токена
   *[many] { $count } токенов
}
btn-back = « Назад
btn-main-menu = « Меню
btn-models = 🧠 Модели
btn-balance = 💰 Баланс
btn-buy = 🛒 Купить токены
btn-plans = ⭐ Тарифы
btn-settings = ⚙️ Настройки
btn-help = ❓ Помощь
btn-language = 🌐 Язык
btn-new-chat = 🆕 Новый диалог

## Start
start-welcome =
    👋 Привет, { $name }!

    Я — один баланс для 52 нейросетей: текст, картинки, видео, музыка, озвучка и инструменты.
    Оплата — в токенах, и цену вы видите <b>до</b> списания. Неудачная генерация ничего не стоит.

    Ваш тариф: <b>{ $plan }</b> · баланс: <b>{ $balance }</b> 🪙
start-menu = Что делаем?

## Help
help =
    <b>Как это работает</b>
    1. /models — выберите модель; цена в токенах указана на кнопке и в карточке.
    2. Отправьте запрос. Текстовые модели помнят диалог; /new начинает заново.
    3. Каждый ответ заканчивается ценой и остатком баланса. Неудачные запросы бесплатны.

    <b>Команды</b>
    /models — выбрать модель
    /balance — токены, тариф и лимиты
    /buy — пакеты токенов
    /plans — подписки
    /new — новый диалог
    /settings — порог подтверждения
    /language — язык
    /terms — условия продажи
    /paysupport — поддержка по платежам

## Commands
cmd-start = Запустить бота и открыть меню
cmd-models = Выбрать нейросеть
cmd-balance = Токены, тариф и лимиты
cmd-buy = Купить токены за Stars
cmd-plans = Тарифы подписки
cmd-new = Начать новый диалог
cmd-settings = Настройки
cmd-language = Сменить язык
cmd-help = Как это работает
cmd-terms = Условия продажи
cmd-paysupport = Поддержка по платежам и возвраты

## Balance
balance =
    <b>💰 Баланс: { $total } 🪙</b>
    • токены подписки: { $sub }
    • токены пакетов: { $pkg } (не сгорают)

    Тариф: <b>{ $plan }</b>{ $until }
    Осталось запросов в этот час: { $hour } · сегодня: { $day }
balance-until = {" "}до { $date }
balance-unlimited = без лимита

## Models
models-choose-category = <b>Выберите категорию</b>
    Цены — в токенах за запрос. 🔒 — нужен платный тариф.
models-choose-model = <b>{ $category }</b>
    Выберите модель. Баланс: { $balance } 🪙
category-text = 💬 Текст
category-image = 🖼 Изображения
category-video = 🎬 Видео
category-music = 🎵 Музыка
category-tts = 🗣 Озвучка текста
category-stt = 📝 Распознавание речи
category-audio = 🎧 Аудио-инструменты
category-tool = 🛠 Инструменты для фото
model-button = { $lock }{ $name } · { $price } 🪙
model-card =
    <b>{ $name }</b> · { $vendor }
    💡 { $bestFor }
    Цена: <b>{ $price }</b> 🪙 { $unit ->
        [minute] за минуту аудио
       *[request] за запрос
    }{ $range }
    Баланс: { $balance } 🪙
model-card-range = {" "}(от { $min } до { $max } в зависимости от параметров)
model-card-locked = 🔒 Эта модель доступна на платном тарифе (Basic и выше). Любой тариф открывает все 52 модели.
model-card-unavailable = ⛔ Эта модель сейчас недоступна. Выберите другую.
btn-select-other = Выбрать другую модель

## Generation
no-model-selected = Сначала выберите модель: /models
quote =
    <b>{ $name }</b>
    Этот запрос стоит <b>{ $price }</b> 🪙. Баланс: { $balance } 🪙.
btn-confirm = ✅ Подтвердить · { $price } 🪙
btn-cancel = ✖️ Отмена
quote-cancelled = Отменено. Токены не списаны.
quote-expired = Это предложение уже недействительно.
answer-footer = — { $price } 🪙 · баланс: { $balance } 🪙

## Refusals
error-insufficient-tokens =
    Недостаточно токенов: запрос стоит <b>{ $price }</b> 🪙, на балансе <b>{ $balance }</b> 🪙.
    Пополните баланс пакетом или тарифом.
error-rate-limited-hour = ⏱ Ваш тариф позволяет { $limit } запросов в час. Продолжить можно в { $time }.
error-rate-limited-day = ⏱ Ваш тариф позволяет { $limit } запросов в сутки. Продолжить можно { $time } — или повысьте лимит тарифом: /plans
error-model-locked = 🔒 { $name } доступна на платном тарифе. Любой тариф открывает все 52 модели: /plans
error-model-unavailable = ⛔ { $name } сейчас недоступна. Выберите другую модель: /models
error-provider = 😔 Извините, { $name } не смогла ответить ({ $reason }). Токены не списаны — можно попробовать ещё раз.
error-provider-moderation = 😔 { $name } отказалась выполнять запрос: { $reason }. Токены не списаны.
error-cancelled = ✖️ Отменено. Токены не списаны.
error-generic = 😔 Что-то пошло не так на нашей стороне. Токены не списаны. Попробуйте ещё раз.
reason-timeout = слишком долго
reason-rate_limited = сервис перегружен запросами
reason-overloaded = сервис перегружен
reason-unavailable = сервис недоступен
reason-auth = сервис неверно настроен
reason-billing = сервис временно недоступен
reason-moderation = правила контента
reason-bad_request = запрос отклонён
reason-bad_response = неожиданный ответ
reason-network = ошибка сети
reason-deadline = вышло время
reason-undeliverable = результат не удалось отправить
reason-interrupted = бот был перезапущен
reason-internal = внутренняя ошибка
reason-cancelled = отменено

## New conversation
new-conversation = 🆕 Начат новый диалог. Прошлые сообщения больше не используются как контекст.

## Language
language-choose = Выберите язык:
language-set = ✅ Язык: русский

## Settings
settings =
    <b>⚙️ Настройки</b>
    Запросы до <b>{ $tokens }</b> 🪙 выполняются сразу; более дорогие сначала просят подтверждения.
    Для медиа-генераций цена всегда показывается заранее.
settings-auto-confirm = { $selected }{ $tokens } 🪙
settings-saved = Сохранено

## Admin
grant-usage = Использование: /grant &lt;user_id&gt; &lt;tokens&gt;
grant-no-user = Нет пользователя с id { $id }.
grant-done = ✅ Начислено { $tokens } 🪙 пользователю { $id }. Его баланс: { $balance } 🪙.
grant-received = 🎁 Вам начислено { $tokens } 🪙. Баланс: { $balance } 🪙.

## Unhandled
unhandled = Не понял. Выберите модель через /models или загляните в /help.
callback-unknown = Эта кнопка устарела.

## Progress and delivery
progress = ⏳ { $name } работает… { $elapsed }{ $percent }
btn-original = 📎 Исходный файл
btn-download = ⬇️ Скачать
result-as-link = Результат ({ $size } МБ) слишком большой для отправки в Telegram — скачайте его по ссылке.
error-input-too-large = Файл слишком большой ({ $size } МБ): Telegram позволяет ботам скачивать до { $limit } МБ. Отправьте файл поменьше.

## Payments: packages
buy-screen =
    <b>🛒 Пакеты токенов</b>
    Оплата — Telegram Stars ⭐. Токены пакетов не сгорают и тратятся после токенов подписки.

    { $list }

    Нажмите на пакет, чтобы получить счёт. Условия продажи: /terms
buy-line = • <b>{ $name }</b> — { $tokens } 🪙 за { $stars } ⭐
btn-package = { $name } · { $tokens } 🪙 · { $stars } ⭐
invoice-package-title = { $name } · { $tokens } токенов
invoice-package-description = { $tokens } токенов для любой из 52 нейросетей. Токены пакетов не сгорают и тратятся после токенов подписки.
invoice-package-label = { $tokens } токенов
buy-unknown-package = Этот пакет больше не продаётся. Актуальные пакеты: /buy

## Payments: checkout
precheckout-currency = Этот счёт не в Telegram Stars. Откройте /buy ещё раз.
precheckout-invalid = Этот счёт недействителен. Откройте /buy или /plans и попробуйте снова.
precheckout-not-yours = Этот счёт выставлен другому пользователю. Откройте /buy или /plans, чтобы получить свой.
precheckout-unknown-product = Этот товар больше не продаётся. Откройте /buy или /plans ещё раз.
precheckout-price-changed = Цена изменилась после выставления счёта. Откройте /buy или /plans ещё раз.
precheckout-plan-active = У вас уже есть тариф с автопродлением. Чтобы сменить его, сначала отмените продление в /plans.
precheckout-error = Оплата временно недоступна. Ничего не списано — попробуйте через минуту.
payment-receipt-package =
    ✅ Оплата получена: <b>{ $name }</b>, +{ $tokens } 🪙 за { $stars } ⭐.
    Ваш баланс: <b>{ $balance }</b> 🪙
    Чек: <code>{ $charge }</code> (для /paysupport)
payment-receipt-plan =
    ✅ Тариф <b>{ $name }</b> действует до { $date }: { $tokens } токенов подписки за { $stars } ⭐. Неиспользованные токены не переносятся на следующий месяц.
    Ваш баланс: <b>{ $balance }</b> 🪙
    Чек: <code>{ $charge }</code> (для /paysupport)
payment-receipt-renewal =
    🔄 Тариф <b>{ $name }</b> продлён до { $date }: токенов подписки теперь { $tokens } 🪙, оплачено { $stars } ⭐.
    Ваш баланс: <b>{ $balance }</b> 🪙
    Чек: <code>{ $charge }</code> (для /paysupport)
payment-duplicate = Этот платёж уже зачислен. Ваш баланс: <b>{ $balance }</b> 🪙
payment-unrecognized = ⚠️ Мы получили { $stars } ⭐, но не смогли сопоставить платёж с товаром. Ничего не потеряно: отправьте /paysupport с чеком <code>{ $charge }</code>, и мы зачислим токены или вернём оплату.

## Payments: plans
plans-screen =
    <b>⭐ Тарифы</b>
    Любой платный тариф открывает все 52 нейросети. Токены подписки начисляются каждые 30 дней и не переносятся; токены пакетов не сгорают.

    { $list }

    { $current }
plans-line = <b>{ $name }</b> — { $tokens } 🪙 в месяц · { $limits } · <b>{ $stars } ⭐</b> в месяц
plans-limits = { $hour } запросов в час, { $day } в день
plans-limits-none = без лимитов запросов
plans-current-starter = Ваш тариф: <b>Starter</b> (бесплатный: { $limits }).
plans-current-renews = Ваш тариф: <b>{ $name }</b> до { $date }, продлевается автоматически.
plans-current-canceled = Ваш тариф: <b>{ $name }</b> до { $date }. Продление отменено: после этой даты вы вернётесь на Starter, токены пакетов сохранятся.
btn-plan = { $mark }{ $name } · { $stars } ⭐
btn-plan-cancel = ✖️ Отменить продление
btn-plan-resume = 🔄 Возобновить продление
plan-card =
    <b>{ $name }</b>
    • { $tokens } 🪙 каждые 30 дней (неиспользованные не переносятся)
    • { $limits }
    • все 52 нейросети
    • <b>{ $stars } ⭐</b> каждые 30 дней, продлевается автоматически. Отменить можно в любой момент в /plans — тариф сохранится до конца оплаченного периода.

    { $action }
plan-card-pay = Нажмите кнопку, чтобы оформить подписку.
plan-card-switch = У вас тариф <b>{ $current }</b> до { $date } с автопродлением. Чтобы сменить тариф, сначала отмените продление, затем оформите подписку здесь.
plan-card-resume = Продление тарифа <b>{ $current }</b> отменено: возобновите его вместо новой оплаты.
btn-plan-subscribe = ⭐ Подписаться за { $stars } ⭐
invoice-plan-title = Тариф { $name } · 30 дней
invoice-plan-description = { $tokens } токенов каждые 30 дней, { $limits }, все 52 нейросети. Продлевается автоматически; отменить можно в /plans.
invoice-plan-label = { $name } · 30 дней
plan-cancel-ask = Отменить продление тарифа <b>{ $name }</b>? Тариф и его токены сохранятся до { $date }; больше списаний не будет.
btn-plan-cancel-confirm = Да, отменить продление
plan-canceled = ✖️ Продление отменено. Тариф <b>{ $name }</b> действует до { $date }.
plan-resumed = 🔄 Продление возобновлено. Тариф <b>{ $name }</b> продлится { $date }.
plan-no-subscription = У вас нет подписки, которую можно изменить.
plan-change-failed = Telegram не принял изменение. Попробуйте позже.
subscription-canceled = ✖️ Вы отменили продление тарифа <b>{ $name }</b>. Тариф действует до { $date }.
subscription-active = 🔄 Продление тарифа <b>{ $name }</b> снова включено; следующий платёж — { $date }.
subscription-failed = ⚠️ Не удалось оплатить продление тарифа <b>{ $name }</b>. Тариф действует до { $date }; пополните Stars, и Telegram попробует снова, или выберите тариф в /plans.

## Payments: support and terms
paysupport =
    <b>💬 Поддержка по платежам</b>
    { $payments }

    Чтобы задать вопрос о платеже или попросить возврат, отправьте <code>/paysupport</code> и сообщение с номером чека, например:
    <code>/paysupport возврат stxP… купил по ошибке</code>
    Мы ответим здесь, в этом чате. При возврате Stars возвращаются на ваш баланс в Telegram, а купленные токены списываются. Условия продажи: /terms
paysupport-none = У вас пока нет платежей.
paysupport-recent = Ваши последние платежи:
paysupport-line =
    • { $date } · { $product } · { $stars } ⭐{ $refunded }
      <code>{ $charge }</code>
paysupport-refunded = {" "}· возвращён
paysupport-sent = ✅ Сообщение отправлено в поддержку. Мы ответим здесь.
paysupport-unavailable = 😔 Сейчас не удалось связаться с поддержкой. Попробуйте позже.
paysupport-to-admin =
    📨 Обращение по платежам от { $name } (id <code>{ $id }</code>):
    { $text }

    { $payments }
terms =
    <b>📄 Условия продажи</b>
    1. Мы продаём только цифровые товары: токены для нейросетей этого бота — разовыми пакетами и месячными тарифами, с оплатой в Telegram Stars ⭐.
    2. Цена в Stars видна до оплаты. Цена каждого запроса в токенах видна до списания; неудачная генерация ничего не стоит.
    3. Токены пакетов не сгорают и тратятся после токенов подписки.
    4. Тариф продлевается каждые 30 дней, пока вы не отмените продление в /plans. После отмены тариф и его токены сохраняются до конца оплаченного периода. Токены подписки не переносятся на следующий период.
    5. Возвраты: напишите в /paysupport с номером чека. При возврате Stars возвращаются, а токены этой покупки списываются; уже потраченные токены списать нельзя.
    6. Ответы нейросетей создаются автоматически; не полагайтесь на них в медицинских, юридических и финансовых решениях.
    7. Вопросы об оплате: /paysupport. Поддержка Telegram не занимается покупками в этом боте.

## Payments: admin
refund-usage = Использование: /refund &lt;telegram_payment_charge_id&gt;
refund-not-found = Платёж <code>{ $charge }</code> не найден.
refund-already = Платёж <code>{ $charge }</code> уже возвращён { $date }.
refund-failed = Telegram отказал в возврате: { $reason }
refund-done = ✅ Возвращено { $stars } ⭐ пользователю <code>{ $id }</code> за { $product }. Списано { $taken } 🪙; { $missing } 🪙 уже были потрачены.{ $planEnded }
refund-plan-ended = {" "}Его тариф завершён.
refund-received = ↩️ Ваш платёж { $stars } ⭐ за { $product } возвращён; списано { $taken } 🪙. Ваш баланс: <b>{ $balance }</b> 🪙
stats =
    <b>📊 Статистика</b>
    Пользователей: { $users }
    Платежей: { $payments } от { $payers } плательщиков
    Получено Stars: { $stars } ⭐ (возвраты: { $refunds } платежей, { $refundedStars } ⭐)

    <b>Потрачено токенов по моделям</b>
    { $models }
stats-model-line = { $model } — { $tokens } 🪙, запросов: { $count }
stats-no-spending = пока ничего

## Payments: token history
btn-history = 📜 История
history-screen =
    <b>📜 История токенов</b> (сначала новые)
    { $lines }
history-empty = Записей пока нет.
history-line = { $date } · { $what } · <b>{ $delta }</b>
history-welcome = приветственные токены
history-purchase = покупка: { $product }
history-cycle = тариф { $product }: токенов подписки теперь { $tokens }
history-expiry = токены подписки сгорели ({ $product })
history-refund = возврат: { $product }
history-grant = подарок от команды
history-referral = бонус за приглашение
history-credit = начисление
history-generation = { $model }
history-generation-running = { $model } (выполняется)
btn-history-older = Раньше »
btn-history-newer = « Позже

## Media models
model-card-params = Параметры: { $params }
model-card-send-prompt = ✍️ { $name } принимает текст: опишите, что создать.
model-card-send-prompt-image = ✍️ { $name } принимает описание — или фото с подписью, чтобы начать с него.
model-card-send-image = 🖼 { $name } принимает фото: пришлите его.
model-card-send-image-prompt = 🖼 { $name } принимает фото с подписью: что с ним сделать.
model-card-send-image-image = 🖼 { $name } принимает два фото: сначала с лицом, затем то, на которое его перенести.
model-card-send-audio = 🎙 { $name } принимает голосовое сообщение или аудиофайл.
model-card-send-speech = 🎙 { $name } принимает голосовое, аудиофайл или видеокружок.
param-set = Цена теперь: { $price } 🪙
input-unsupported = Такой файл я не понимаю. Пришлите фото, голосовое или аудиофайл.
input-image-unexpected = Выбранная модель не принимает фото. Выберите инструмент для фото в /models.
input-now-prompt = 👍 Фото получено. Теперь напишите, что с ним сделать.
input-now-second-photo = 👍 Первое фото получено. Теперь пришлите второе.
original-gone = Исходный файл больше недоступен.
transcript-heard = 🎤 <i>{ $text }</i>

## Media jobs
reason-failed = генерация не удалась

## Support dialog
btn-write-support = ✉️ Написать в поддержку
support-ask = ✉️ Опишите вопрос одним сообщением (если он о платеже — приложите чек). Я передам его в поддержку.
support-cancelled = Отменено.

## Developer API
cmd-api = Ключи API для разработчиков
api-keys-screen =
    🔑 <b>API для разработчиков</b>
    Тот же баланс — из кода. Базовый URL (он же <code>baseURL</code> в OpenAI SDK):
    <code>{ $url }</code>
    Документация: { $url }/docs

    Ваши ключи ({ $count } из { $max }):
    { $keys }
api-keys-line = • { $label } — …{ $last4 }
api-keys-none = ключей пока нет
api-keys-created =
    🔑 Ваш новый ключ — он показывается только один раз, скопируйте его сейчас:
    <code>{ $key }</code>

    Передавайте его как <code>Authorization: Bearer …</code> на <code>{ $url }</code>
api-keys-too-many = У вас уже { $max } ключей. Сначала отзовите один.
api-keys-revoke-confirm = Отозвать ключ <b>{ $label }</b> (…{ $last4 })? Программы, которые его используют, сразу перестанут работать.
api-keys-revoked = Ключ отозван
api-keys-private-only = Ключами API можно управлять только в личном чате со мной.
api-keys-off = 🔑 API для разработчиков в этом боте пока не включён.
btn-api-key-new = ➕ Новый ключ
btn-api-key-revoke = 🗑 Отозвать { $label } …{ $last4 }
btn-api-key-revoke-yes = 🗑 Да, отозвать
api-history-mark = · API

## Stop
stop-thinking = Думаю…
stop-footer = ⏹ Остановлено
stop-before-text = ⏹ Остановлено до начала ответа. Токены не списаны.
stop-card-rules = ⏹ Ответ можно остановить, пока он пишется: до появления текста — бесплатно; позже — написанная часть остаётся и стоит обычную цену.

## Growth: referrals, promo codes, admin tools
cmd-referral = Пригласить друзей и получить токены
referral-screen =
    <b>🤝 Пригласите друзей</b>
    Ваша ссылка: { $link }
    В течение { $days } дней после того, как друг присоединился, вы получаете { $percent }% токенов каждой его покупки.

    Присоединились: <b>{ $joined }</b> · Оплатили: <b>{ $paid }</b> · Заработано: <b>{ $earned }</b> 🪙
referral-btn-share = 📤 Поделиться ссылкой
referral-share-text = 52 ИИ-модели в одном Telegram-боте
referral-reward = 🤝 { $name } сделал покупку по вашей ссылке: +{ $tokens } 🪙. Баланс: <b>{ $balance }</b> 🪙
promo-usage = Использование: /promo &lt;код&gt;
promo-granted = 🎁 Код <b>{ $code }</b>: +{ $tokens } 🪙. Баланс: <b>{ $balance }</b> 🪙
promo-bonus-waiting = 🎁 Код <b>{ $code }</b> принят: к следующему пакету токенов — ещё +{ $percent }% токенов.
promo-bonus-applied = 🎁 Код <b>{ $code }</b>: +{ $tokens } 🪙 бонусом к этой покупке.
promo-unknown = Кода <b>{ $code }</b> нет.
promo-disabled = Код <b>{ $code }</b> больше не действует.
promo-expired = Срок действия кода <b>{ $code }</b> истёк.
promo-used-up = Код <b>{ $code }</b> уже использован максимальное число раз.
promo-already = Вы уже использовали код <b>{ $code }</b>.
promo-create-usage =
    Использование: /promo_create &lt;КОД&gt; &lt;токены&gt; [макс_использований] [expires ГГГГ-ММ-ДД]
    или /promo_create &lt;КОД&gt; +&lt;процент&gt;% [макс_использований] [expires ГГГГ-ММ-ДД] — бонус к следующей покупке пакета
promo-create-exists = Код <b>{ $code }</b> уже существует.
promo-created = ✅ Код <b>{ $code }</b> создан: { $what }.
promo-what-tokens = +{ $tokens } 🪙
promo-what-bonus = +{ $percent }% к следующему пакету
promo-list-title = <b>🎟 Промокоды</b>
promo-list-empty = Промокодов пока нет.
promo-list-line = <b>{ $code }</b> — { $what } · использован { $uses }/{ $max } · до { $until }{ $state }
promo-state-disabled = {" "}· отключён
promo-disable-usage = Использование: /promo_disable &lt;КОД&gt;
promo-disabled-done = Код <b>{ $code }</b> отключён.
blocked-notice = Ваш доступ к боту приостановлен. Если это ошибка, напишите в /paysupport.
user-admin-usage = Использование: /user &lt;id или @username&gt;
user-admin-not-found = Пользователь { $query } не найден.
user-admin-card =
    <b>👤 Пользователь <code>{ $id }</code></b> { $name } { $username }
    С нами с: { $joined } · Пригласил: { $referrer } · Заблокирован: { $blocked }
    Тариф: <b>{ $plan }</b> до { $until }
    Баланс: <b>{ $total }</b> 🪙 (тариф { $sub } · пакеты { $pkg })
    Запросы: { $hour } за час · { $day } за 24 часа

    <b>Последние задачи</b>
    { $jobs }

    <b>Последние платежи</b>
    { $payments }
user-admin-job = #{ $id } { $model } · { $status } · { $price } 🪙 · { $date }
user-admin-payment = { $date } · { $stars } ⭐ · { $product } · <code>{ $charge }</code>{ $refunded }
user-admin-refunded = {" "}(возвращён)
user-admin-none = нет
user-admin-blocked-yes = да
user-admin-blocked-no = нет
user-admin-btn-grant = 🎁 Начислить
user-admin-btn-refund = ↩️ Вернуть последний платёж
user-admin-btn-block = 🚫 Заблокировать
user-admin-btn-unblock = ✅ Разблокировать
user-admin-btn-confirm = ↩️ Да, вернуть
user-admin-grant-pick = Сколько токенов начислить { $id }?
user-admin-no-payment = У пользователя { $id } нет платежа для возврата.
user-admin-refund-confirm = Вернуть { $stars } ⭐ за { $product } пользователю { $id }? (<code>{ $charge }</code>)
user-admin-blocked-done = Заблокирован
user-admin-unblocked-done = Разблокирован
broadcast-ask = 📣 Отправьте или перешлите текстовое сообщение для рассылки. Перед отправкой будет предпросмотр.
broadcast-text-only = Разослать можно только текстовое сообщение. Отправьте текст.
broadcast-confirm = ☝️ Это предпросмотр. Получателей: { $count }. Отправить?
broadcast-btn-send = 📣 Отправить
broadcast-btn-cancel = ✖️ Отмена
broadcast-cancelled = Рассылка отменена.
broadcast-not-draft = Эта рассылка уже не ждёт подтверждения.
broadcast-progress = 📣 Рассылка #{ $id }: { $done } из { $total } — доставлено { $delivered }, заблокировали { $blocked }, ошибок { $failed }
broadcast-done = ✅ Рассылка #{ $id } завершена: доставлено { $delivered }, заблокировали { $blocked }, ошибок { $failed }
broadcast-settings-on = 📣 Новости от бота: вкл.
broadcast-settings-off = 📣 Новости от бота: выкл.
## What users see
ux-answer-footer = — { $model } · { $price } 🪙 · баланс: { $balance } 🪙
ux-confirm-already = ⏳ Уже подтверждено — запрос выполняется.
ux-locked-prompt = 🔒 { $model } доступна на платном тарифе, поэтому она не ответила на это сообщение, и ничего не списано. Любой тариф открывает все 52 модели.
ux-failed-busy = 😔 { $model } сейчас перегружена. Токены не списаны — попробуйте через минуту.
ux-failed-moderation = 🚫 { $model } отклонила запрос по правилам о содержании ({ $category }). Токены не списаны.
ux-failed-unavailable = 😔 { $model } сейчас недоступна. Токены не списаны — попробуйте позже или выберите другую модель в /models.
ux-failed-timeout = ⏱ { $model } отвечала слишком долго. Токены не списаны.
ux-failed-input = 😔 { $model } не смогла принять этот запрос. Токены не списаны — попробуйте переформулировать его или отправить другой файл.
ux-failed-ours = 😔 Что-то пошло не так на нашей стороне ({ $model }). Токены не списаны.
ux-category-minors = несовершеннолетние
ux-category-self-harm = самоповреждение
ux-category-sexual = сексуальный контент
ux-category-hate = ненависть или травля
ux-category-violence = насилие
ux-category-illicit = незаконная деятельность
ux-category-likeness = реальные люди или охраняемые произведения
ux-category-other = правила о содержании
ux-btn-retry = 🔁 Повторить
ux-retry-gone = Этот запрос больше нельзя повторить.
ux-retry-already = Уже повторено.
ux-admin-provider-alert = ⚠️ <b>{ $provider }</b>: { $problem }. Запросы к его моделям (последняя: { $model }) не выполняются, пользователи видят, что модель недоступна. Следующее оповещение по этому провайдеру — не раньше чем через час; подробности в логе.
ux-admin-problem-auth = API-ключ отклонён
ux-admin-problem-billing = закончилась квота или баланс аккаунта
stats-growth =
    <b>Пользователи</b>: новых { $new1 } (1 день) · { $new7 } (7 дней); активных { $active1 } (1 день) · { $active7 } (7 дней)
    <b>Получено звёзд</b>: { $stars1 } ⭐ (1 день) · { $stars30 } ⭐ (30 дней)
    <b>Токены</b>: продано { $tokensSold } 🪙 · потрачено { $tokensSpent } 🪙
    <b>Задач в работе</b>: { $jobsInFlight }

    <b>Сбои по провайдерам (30 дней)</b>
    { $failures }
stats-growth-failure-line = { $provider } — { $failed } из { $total } ({ $percent }%)
export-usage = Использование: /export payments|ledger &lt;с ГГГГ-ММ-ДД&gt; &lt;по ГГГГ-ММ-ДД&gt; (UTC, оба дня включительно)
export-caption = { $what }: строк — { $rows }

## Groups
groups-private-only = Это личное: покажу в нашем личном чате.
groups-open-private = Открыть в личном чате
groups-not-yours = Эта кнопка для того, кто спросил.
groups-sent-privately = Я отправил расчёт стоимости вам в личный чат.
groups-start-privately = Сначала начните личный чат со мной, чтобы подтверждать запросы.
groups-answer-footer = — { $model }
groups-empty-prompt = Напишите вопрос после упоминания.
groups-guest-no-model = Сейчас для этого нет доступной модели.
groups-kind-off = Модели «{ $kind }» в этой группе отключены.
groups-cap-reached = Вы достигли дневного лимита этой группы: { $cap } токенов на участника.
groups-settings =
    <b>Настройки группы</b>
    Ответы: { $state }
    Разрешённые участникам категории моделей отмечены ✅.
    Дневной лимит на участника: { $cap }
groups-settings-on = включены
groups-settings-off = выключены
groups-settings-btn-on = Включить ответы
groups-settings-btn-off = Выключить ответы
groups-settings-no-cap = без лимита
groups-settings-admins-only = Менять эти настройки могут только админы группы.
cmd-groupsettings = Настройки бота в этой группе (для админов)
groups-settings-in-groups = /groupsettings работает в группах.

## Actions under results
act-btn-regenerate = 🔁 Ещё вариант · { $price } 🪙
act-btn-other-model = 🔀 Другая модель
act-btn-new-chat = 🆕 Новый чат
act-btn-again = 🔁 Ещё раз · { $price } 🪙
act-btn-upscale = ⬆️ Увеличить · { $price } 🪙
act-btn-edit = ✏️ Изменить
act-btn-mj-upscale = U{ $n } · { $price } 🪙
act-btn-mj-variation = V{ $n } · { $price } 🪙
act-gone = С этим результатом больше ничего сделать нельзя.
act-other-model-choose = 🔀 Какая модель ответит на тот же запрос?
act-model-button = { $name } · { $price } 🪙
act-edit-prompt = ✏️ Напишите, что изменить на этом изображении: его отредактирует { $name } ({ $price } 🪙, цена будет показана ещё раз до списания).
offer-photo-choose = 📷 Что сделать с этим фото? Выберите инструмент или модель, которой задать вопрос о нём (подпись станет запросом):
offer-photo-tool-button = { $name } · { $price } 🪙
offer-photo-ask-button = 💬 { $name } · { $price } 🪙
offer-photo-gone = Фото больше недоступно — отправьте его ещё раз.
offer-photo-now-question = Теперь отправьте вопрос о фото ({ $price } 🪙).
act-other-model-none = 🔀 На вашем тарифе сейчас нет другой текстовой модели. Любой платный тариф открывает все 52 модели.
## Model routes
routes-unavailable-sora = ⛔ OpenAI закрыла API Sora 2 24 сентября 2026 года, и другие сервисы Sora 2 не предоставляют. Выберите другую модель для видео.
routes-unavailable-openai-speech = ⛔ OpenAI выводит эту модель озвучки из обращения: её замена работает только в живых голосовых сессиях, которых в этом боте нет. Выберите другую модель озвучки.
routes-unavailable-operator = ⛔ Эта модель недоступна: { $reason }

## Model health
health-notice-unavailable = ⛔ <b>{ $name }</b> (<code>{ $slug }</code>) теперь недоступна: { $provider } больше не перечисляет <code>{ $upstream }</code> и её запасные модели. Пользователи видят ⛔, запросы наверх не уходят.
health-notice-available = ✅ <b>{ $name }</b> (<code>{ $slug }</code>) снова доступна: { $provider } перечисляет <code>{ $upstream }</code>.
health-notice-fallback = ↪️ <b>{ $name }</b> (<code>{ $slug }</code>) теперь обслуживает запасная модель <code>{ $upstream }</code> у { $provider }: <code>{ $route }</code> не перечислена.
health-notice-primary = ✅ <b>{ $name }</b> (<code>{ $slug }</code>) снова обслуживает своя модель <code>{ $upstream }</code> у { $provider }.
health-title = <b>Состояние моделей</b> (статус · продукт · провайдер/модель · последняя проверка)
health-line = { $mark } <code>{ $slug }</code> · { $provider }/<code>{ $upstream }</code> · { $checked }
health-never-checked = не проверялась

## Long-thinking models
thinking-progress = 🧠 { $name } думает… { $elapsed }
## Money
money-payment-delayed = ✅ Платёж получен, токены будут зачислены в течение часа. Ничего не потеряно; если они не появятся, напишите /paysupport и приложите чек <code>{ $charge }</code>.
money-reconciled-credited =
    ✅ Ваш платёж { $stars } ⭐ зачислен: +{ $tokens } 🪙.
    Чек: <code>{ $charge }</code> (для /paysupport)
money-reconcile-report =
    <b>🧾 Сверка платежей в Stars</b>
    Прочитано транзакций: { $scanned }
    Зачислено платежей сейчас: { $credited }
    Возвратов списано сейчас: { $refunded }
    Платежей без известного товара: { $unrecognized }
    Ошибок: { $failed }
money-reconcile-credited = <b>Зачислено:</b>
money-reconcile-refunded = <b>Списано по возвратам:</b>
money-reconcile-unrecognized = <b>Без известного товара:</b>
money-reconcile-failed = <b>Ошибки (см. лог; следующий запуск повторит):</b>
money-reconcile-line = • <code>{ $charge }</code> · пользователь { $id } · { $stars } ⭐ · { $tokens } 🪙
## Delivery and input limits
delivery-card-max-input = Записи до { $minutes } мин.
delivery-input-too-long = { $name } принимает записи до { $limit } мин, а эта — { $length } мин. Ничего не списано — пришлите запись покороче.
## Vision and support
vision-model-blind = { $name } не понимает картинки. Выберите в /models модель, которая понимает: { $models }.
vision-document-too-large = Файл слишком большой для текстовой модели: до { $mb } МБ и { $chars } символов текста. Ничего не списано — пришлите файл поменьше.
vision-document-too-long = Документ слишком длинный для текстовой модели: до { $chars } символов текста ({ $mb } МБ на файл). Ничего не списано — пришлите покороче.
vision-document-unreadable = Не удалось прочитать текст этого файла. Ничего не списано — проверьте, что он открывается, или пришлите текст сообщением.
vision-document-unsupported = Текстовая модель читает файлы PDF, .txt, .md, .csv и .docx до { $mb } МБ и { $chars } символов текста.
vision-now-question-photo = 👍 Фото получено. Теперь напишите вопрос о нём.
vision-now-question-document = 👍 Файл получен. Теперь напишите вопрос о нём.
helpdesk-to-admin =
    📨 <b>Обращение в поддержку</b> от { $name } (id <code>{ $id }</code>) { $tag }
    { $text }

    { $payments }

    Ответьте на это сообщение или нажмите «Ответить», чтобы ответ пришёл пользователю в его чат.
helpdesk-user-payments = <b>Платежи этого пользователя</b> (не ваши):
helpdesk-user-no-payments = У этого пользователя нет платежей.
helpdesk-btn-reply = ↩️ Ответить
helpdesk-reply-prompt = ✍️ Ваш ответ пользователю <code>{ $id }</code> { $tag } — напишите его ответом на это сообщение.
helpdesk-reply-placeholder = Ответ пользователю
helpdesk-answer =
    💬 <b>Ответ поддержки:</b>
    { $text }
helpdesk-answer-sent = ✅ Отправлено пользователю { $id }.
helpdesk-answer-failed = 😔 Не удалось доставить ответ пользователю { $id } (возможно, он заблокировал бота).
helpdesk-btn-ask = ❓ Задать вопрос
helpdesk-ask = ❓ Спросите что угодно о боте: цены, тарифы, модели, лимиты, возвраты. Ответ бесплатный.
helpdesk-free-note = ℹ️ Бесплатный ответ справочной по прайс-листу и правилам. С проблемой оплаты — в /paysupport.
helpdesk-unavailable = 😔 Справочная сейчас не может ответить. Загляните в /plans, /buy и /models или напишите в /paysupport.
## Model cards and parameters
model-card-do-text-prompt = ✅ Выбрано. Задайте вопрос — ответит { $name }.
model-card-do-image-prompt = ✅ Выбрано. Опишите картинку, которую нужно создать.
model-card-do-image-prompt-image = ✅ Выбрано. Опишите картинку — или пришлите фото с подписью, чтобы начать с него.
model-card-do-image-image-prompt = ✅ Выбрано. Пришлите фото с подписью: что в нём изменить.
model-card-do-video-prompt = ✅ Выбрано. Опишите сцену для видео.
model-card-do-video-prompt-image = ✅ Выбрано. Опишите сцену — или пришлите фото с подписью, чтобы его оживить.
model-card-do-video-image-prompt = ✅ Выбрано. Пришлите фото с подписью: как оно должно ожить.
model-card-do-music-prompt = ✅ Выбрано. Опишите песню: жанр, настроение, инструменты, о чём она.
model-card-do-tts-prompt = ✅ Выбрано. Пришлите текст, который нужно озвучить.
model-card-do-stt-speech = ✅ Выбрано. Пришлите голосовое сообщение или аудиофайл (подойдёт и видеокружок).
model-card-do-tool-image = ✅ Выбрано. Пришлите фото.
model-card-do-tool-image-image = ✅ Выбрано. Пришлите фото с лицом, затем фото, на которое его перенести.
model-card-do-tool-image-prompt = ✅ Выбрано. Пришлите фото с подписью: что с ним сделать.
model-card-do-elevenlabs-sfx = ✅ Выбрано. Опишите звук: «дождь по жестяной крыше», «скрип открывающейся двери».
model-card-do-el-voice-changer = ✅ Выбрано. Пришлите голосовое или аудиофайл — он вернётся выбранным голосом.
model-card-do-el-voice-isolator = ✅ Выбрано. Пришлите голосовое или аудиофайл — я уберу из него фоновый шум.
model-card-do-el-dubbing = ✅ Выбрано. Пришлите голосовое, аудиофайл или видео для дубляжа. Цена — за минуту аудио: считается каждая начатая минута.
model-card-do-el-dialogue = ✅ Выбрано. Пришлите диалог, по реплике в строке, например «Анна: Привет!»: первый собеседник звучит голосом 1, второй — голосом 2.
param-row-label = { $label }:
param-row-hint = { $label }: выберите значение ниже. Если цены различаются, у каждого значения указана его цена в токенах.
param-label-size = Размер
param-label-quality = Качество
param-label-aspect-ratio = Формат
param-label-resolution = Разрешение
param-label-duration = Длительность
param-label-mode = Режим
param-label-speed = Скорость
param-label-version = Версия
param-label-voice = Голос
param-label-voice-1 = Голос 1
param-label-voice2 = Голос 2
param-label-style = Стиль
param-label-batch = Количество видео
param-label-motion = Движение
param-label-audio = Звук
param-label-scale = Увеличение
param-label-target-lang = Язык
param-value-seconds = { $n } с
param-value-times = { $n }×
param-value-on = Вкл.
param-value-off = Выкл.
param-value-quality-standard = Стандартное
param-value-quality-hd = HD
param-value-quality-low = Низкое
param-value-quality-medium = Среднее
param-value-quality-high = Высокое
param-value-aspect-ratio-match-input-image = Как у фото
param-value-aspect-ratio-landscape = Горизонтальный
param-value-aspect-ratio-portrait = Вертикальный
param-value-mode-standard = Стандартный
param-value-mode-pro = Pro
param-value-speed-relax = Медленная
param-value-speed-fast = Быстрая
param-value-speed-turbo = Турбо
param-value-style-any = Любой
param-value-style-realistic-image = Реалистичный
param-value-style-digital-illustration = Иллюстрация
param-value-motion-low = Слабое
param-value-motion-high = Сильное
param-value-target-lang-en = Английский
param-value-target-lang-ru = Русский
param-value-target-lang-es = Испанский
param-value-target-lang-de = Немецкий
param-value-target-lang-fr = Французский
param-value-target-lang-it = Итальянский
param-value-target-lang-pt = Португальский
param-value-target-lang-pl = Польский
param-value-target-lang-tr = Турецкий
param-value-target-lang-uk = Украинский
param-value-target-lang-ja = Японский
param-value-target-lang-zh = Китайский
param-value-target-lang-ko = Корейский
param-value-target-lang-ar = Арабский
param-value-target-lang-hi = Хинди
model-best-for-gpt-5-nano = Быстрые ответы на каждый день: факты, короткие тексты, переводы.
model-best-for-claude-haiku-4-5 = Быстрые и аккуратные ответы, пересказ длинных текстов.
model-best-for-gemini-2-5-flash = Быстрые ответы с широкими знаниями о мире.
model-best-for-deepseek-v3 = Повседневные вопросы, код и математика — недорого.
model-best-for-grok-4-fast = Быстрые прямые ответы в разговорном тоне.
model-best-for-gpt-5 = Вдумчивые ответы, тексты и код для сложных задач.
model-best-for-deepseek-r1 = Пошаговые рассуждения: математика, логика, головоломки.
model-best-for-gpt-5-2 = Сложный анализ, длинные документы и продвинутый код.
model-best-for-claude-sonnet-4-5 = Тексты, редактура и программирование с вниманием к деталям.
model-best-for-gemini-3-pro = Глубокие исследовательские вопросы и длинные документы.
model-best-for-claude-opus-4-5 = Самые трудные задачи: глубокий анализ, большие проекты кода, тонкие тексты.
model-best-for-gpt-5-2-pro = Самые сложные задачи — модель обдумывает их минутами.
model-best-for-photon-flash = Быстрые и недорогие картинки по описанию.
model-best-for-dall-e-3 = Иллюстрации точно по описанию, с читаемыми надписями.
model-best-for-gpt-image-1-5 = Детальные изображения с точным текстом и вёрсткой.
model-best-for-flux-1-1-pro = Фотореалистичные изображения с тонкой детализацией.
model-best-for-flux-kontext-pro = Правка фото по описанию: сменить фон, одежду, стиль.
model-best-for-sd-3-5-large = Арт в самых разных стилях — от фото до живописи.
model-best-for-midjourney = Художественные атмосферные изображения с узнаваемым стилем.
model-best-for-recraft-v3 = Дизайн: постеры, графика и иллюстрации.
model-best-for-photon = Качественные картинки с богатой композицией.
model-best-for-nano-banana-pro = Точные изображения и правки фото, до 4K.
model-best-for-luma-ray2-flash = Короткие ролики по описанию — быстро и недорого.
model-best-for-kling-v2-1 = Оживление фото в плавное видео.
model-best-for-minimax-video = Выразительные ролики по описанию или по фото.
model-best-for-luma-ray2 = Кинематографичные ролики с реалистичным движением, до 1080p.
model-best-for-midjourney-video = Короткие ролики из картинки Midjourney по вашему описанию.
model-best-for-sora-2 = Реалистичные видеосцены со звуком.
model-best-for-veo-3-1 = Кинематографичное видео с синхронным звуком, до 1080p.
model-best-for-musicgen = 30-секундные инструментальные треки в нужном жанре и настроении.
model-best-for-elevenlabs-music = Минутные песни с вокалом.
model-best-for-minimax-tts = Недорогая озвучка естественным голосом.
model-best-for-openai-tts = Чёткая озвучка шестью голосами.
model-best-for-openai-tts-hd = Озвучка в повышенном качестве звука.
model-best-for-gpt-4o-mini-tts = Выразительная озвучка девятью голосами.
model-best-for-elevenlabs-flash = Быстрая естественная озвучка на многих языках.
model-best-for-elevenlabs-v2 = Самая живая озвучка на многих языках.
model-best-for-whisper = Расшифровка голосовых и записей в текст.
model-best-for-gpt-4o-transcribe = Точная расшифровка даже шумных записей.
model-best-for-elevenlabs-scribe = Расшифровка длинных записей на многих языках.
model-best-for-elevenlabs-sfx = Звуковые эффекты по описанию.
model-best-for-el-voice-changer = Ваша запись — другим голосом.
model-best-for-el-voice-isolator = Очистка записи от фонового шума.
model-best-for-el-dubbing = Перевод речи в записи на другой язык.
model-best-for-el-dialogue = Озвучка диалога двумя голосами.
model-best-for-upscale = Увеличение фото в 2 или 4 раза с более чёткими деталями.
model-best-for-face-swap = Перенос лица с одного фото на другое.
model-best-for-remove-bg = Вырезание объекта из фона.
model-best-for-style-transfer = Перерисовка фото в другом стиле.
model-best-for-colorize = Раскрашивание чёрно-белых фото.
model-best-for-inpaint = Замена или удаление части фото по описанию.
model-best-for-text-ocr = Распознавание текста на фото.

## Dead ends: kept prompts and the help desk limit
kept-prompt-note = 💾 Ваш запрос сохранён на 24 часа: после пополнения я предложу его выполнить.
kept-prompt-offer =
    ▶️ Ваш запрос ждёт: <b>{ $name }</b> — { $prompt }
    Он стоит <b>{ $price }</b> 🪙; баланс после него: <b>{ $after }</b> 🪙. Предложение действует до { $until }.
kept-prompt-no-text = голосовой запрос или запрос с файлом
btn-kept-prompt-run = ▶️ Выполнить сейчас
kept-prompt-gone = Этот запрос уже выполнен, или срок предложения истёк.
helpdesk-limited = ⏳ Справочная отвечает не больше чем на { $limit } вопросов в час. Снова спросить можно в { $time }. А пока: /plans, /buy, /models или /paysupport, если вопрос об оплате.
