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
    Цена: <b>{ $price }</b> 🪙 за запрос{ $range }
    Баланс: { $balance } 🪙
model-card-range = {" "}(от { $min } до { $max } в зависимости от параметров)
model-card-text-ready = ✅ Выбрано. Напишите сообщение — ответит { $name }.
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
error-rate-limited-hour = ⏱ Ваш тариф позволяет { $limit } запросов в час. Продолжить можно в { $time } (UTC).
error-rate-limited-day = ⏱ Ваш тариф позволяет { $limit } запросов в сутки. Продолжить можно в { $time } (UTC) — или повысьте лимит тарифом: /plans
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
