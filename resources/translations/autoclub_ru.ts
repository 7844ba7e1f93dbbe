<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>AppController</name>
    <message>
        <location filename="../../desktop/app.py" line="164"/>
        <source>Connecting to the server…</source>
        <translation>Подключение к серверу…</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="170"/>
        <source>Could not start the local server</source>
        <translation>Не удалось запустить локальный сервер</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="170"/>
        <source>Try again</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="195"/>
        <source>Starting the local server…</source>
        <translation>Запуск локального сервера…</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="200"/>
        <source>The local server stopped</source>
        <translation>Локальный сервер остановился</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="201"/>
        <source>It exited with code %1.</source>
        <translation>Он завершился с кодом %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="202"/>
        <source>Start again</source>
        <translation>Запустить снова</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="255"/>
        <source>Chats</source>
        <translation>Чаты</translation>
    </message>
</context>
<context>
    <name>AppWindow</name>
    <message>
        <location filename="../../desktop/views/main_window.py" line="224"/>
        <source>&amp;Autoclub</source>
        <translation>&amp;Autoclub</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="225"/>
        <source>&amp;New chat…</source>
        <translation>&amp;Новый чат…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="230"/>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="233"/>
        <source>System language</source>
        <translation>Язык системы</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="244"/>
        <source>&amp;Sign out</source>
        <translation>&amp;Выйти из аккаунта</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="247"/>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
</context>
<context>
    <name>ChatsPage</name>
    <message>
        <location filename="../../desktop/views/main_window.py" line="81"/>
        <source>New chat</source>
        <translation>Новый чат</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="98"/>
        <source>No chats yet. Start one with “New chat”.</source>
        <translation>Чатов пока нет. Начните первый кнопкой «Новый чат».</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="121"/>
        <source>Choose a chat on the left or start a new one.</source>
        <translation>Выберите чат слева или начните новый.</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../desktop/views/composer.py" line="53"/>
        <source>Write a message…</source>
        <translation>Напишите сообщение…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="60"/>
        <source>Send</source>
        <translation>Отправить</translation>
    </message>
</context>
<context>
    <name>DialogListModel</name>
    <message>
        <location filename="../../desktop/models.py" line="298"/>
        <source>Saved messages</source>
        <translation>Избранное</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="336"/>
        <source>You: %1</source>
        <translation>Вы: %1</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <location filename="../../desktop/errors.py" line="21"/>
        <source>The app sent a request the server could not read. Please update the app.</source>
        <translation>Сервер не смог прочитать запрос приложения. Обновите приложение.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="24"/>
        <source>The server rejected the request as invalid. Please check what you entered.</source>
        <translation>Сервер отклонил запрос. Проверьте введённые данные.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="27"/>
        <source>This does not look like a phone number. Enter it with the country code.</source>
        <translation>Это не похоже на номер телефона. Введите его с кодом страны.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="30"/>
        <source>The code must be %1 digits.</source>
        <translation>Код должен состоять из %1 цифр.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="31"/>
        <source>Enter your name to create an account.</source>
        <translation>Чтобы создать аккаунт, введите своё имя.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="34"/>
        <source>The name must be 1 to %1 characters.</source>
        <translation>Имя должно быть длиной от 1 до %1 символов.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="37"/>
        <source>Cannot send an empty message.</source>
        <translation>Нельзя отправить пустое сообщение.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="38"/>
        <source>The message is too long: at most %1 characters.</source>
        <translation>Сообщение слишком длинное: не больше %1 символов.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="41"/>
        <source>The app sent an invalid message id. Please update the app.</source>
        <translation>Приложение отправило неверный идентификатор сообщения. Обновите приложение.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="44"/>
        <source>Could not load the message history. Please try again.</source>
        <translation>Не удалось загрузить историю сообщений. Попробуйте ещё раз.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="47"/>
        <source>This is your own number. Enter the number of another person.</source>
        <translation>Это ваш собственный номер. Введите номер другого человека.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="50"/>
        <source>You cannot add yourself as a friend.</source>
        <translation>Нельзя добавить в друзья самого себя.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="51"/>
        <source>The group name is empty or too long.</source>
        <translation>Название группы пустое или слишком длинное.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="52"/>
        <source>The group has reached its member limit.</source>
        <translation>В группе уже максимальное число участников.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="53"/>
        <source>This works only in group chats.</source>
        <translation>Это доступно только в групповых чатах.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="54"/>
        <source>You are signed out. Please sign in again.</source>
        <translation>Вы вышли из аккаунта. Войдите снова.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="57"/>
        <source>Your session has ended. Please sign in again.</source>
        <translation>Сеанс завершён. Войдите снова.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="60"/>
        <source>Wrong code. Check the SMS and try again.</source>
        <translation>Неверный код. Проверьте SMS и попробуйте ещё раз.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="61"/>
        <source>The code has expired. Request a new one.</source>
        <translation>Срок действия кода истёк. Запросите новый.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="62"/>
        <source>No code was sent to this number. Request a code first.</source>
        <translation>На этот номер код не отправлялся. Сначала запросите код.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="65"/>
        <source>Too many wrong codes. Request a new code.</source>
        <translation>Слишком много неверных попыток. Запросите новый код.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="68"/>
        <source>You do not have access to this.</source>
        <translation>У вас нет доступа.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="69"/>
        <source>You are not a member of this chat.</source>
        <translation>Вы не участник этого чата.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="70"/>
        <source>This session has already ended.</source>
        <translation>Этот сеанс уже завершён.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="71"/>
        <source>Not found.</source>
        <translation>Не найдено.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="72"/>
        <source>This chat does not exist or you are not in it.</source>
        <translation>Этого чата нет, или вы в нём не участвуете.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="75"/>
        <source>Nobody with this number uses Autoclub yet.</source>
        <translation>С этим номером в Autoclub пока никого нет.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="78"/>
        <source>This was changed at the same time elsewhere. Please try again.</source>
        <translation>Это одновременно изменили в другом месте. Попробуйте ещё раз.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="81"/>
        <source>The request is too large.</source>
        <translation>Слишком большой запрос.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="82"/>
        <source>Too many requests. Please wait a little and try again.</source>
        <translation>Слишком много запросов. Подождите немного и попробуйте снова.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="85"/>
        <source>This club does not exist or you cannot see it.</source>
        <translation>Этого клуба нет, или он вам недоступен.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="88"/>
        <source>This album does not exist or was deleted.</source>
        <translation>Этого альбома нет, или его удалили.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="91"/>
        <source>This photo does not exist or was deleted.</source>
        <translation>Этой фотографии нет, или её удалили.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="94"/>
        <source>This request to join no longer exists.</source>
        <translation>Этой заявки на вступление больше нет.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="97"/>
        <source>The owner cannot leave. Hand the ownership to another member first.</source>
        <translation>Владелец не может выйти. Сначала передайте права владельца другому участнику.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="100"/>
        <source>The file is too large.</source>
        <translation>Файл слишком большой.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="101"/>
        <source>This file is not an image.</source>
        <translation>Этот файл — не изображение.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="102"/>
        <source>This image format is not supported. Use JPEG, PNG, WebP or HEIC.</source>
        <translation>Этот формат изображений не поддерживается. Используйте JPEG, PNG, WebP или HEIC.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="105"/>
        <source>The image has too many pixels.</source>
        <translation>В изображении слишком много пикселей.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="106"/>
        <source>The image file is damaged.</source>
        <translation>Файл изображения повреждён.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="107"/>
        <source>Photo storage is unavailable. Please try again later.</source>
        <translation>Хранилище фотографий недоступно. Попробуйте позже.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="110"/>
        <source>Could not send the SMS. Please try again later.</source>
        <translation>Не удалось отправить SMS. Попробуйте позже.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="113"/>
        <source>Something went wrong on the server. Please try again later.</source>
        <translation>На сервере произошла ошибка. Попробуйте позже.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="116"/>
        <source>Cannot reach the server. Check your connection and try again.</source>
        <translation>Нет связи с сервером. Проверьте подключение и попробуйте ещё раз.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="119"/>
        <source>The server sent an unexpected response. Please update the app.</source>
        <translation>Сервер прислал неожиданный ответ. Обновите приложение.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="125"/>
        <source>Something went wrong (%1). Please try again.</source>
        <translation>Что-то пошло не так (%1). Попробуйте ещё раз.</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <location filename="../../desktop/delegates.py" line="102"/>
        <source>Not sent</source>
        <translation>Не отправлено</translation>
    </message>
</context>
<context>
    <name>NewChatDialog</name>
    <message>
        <location filename="../../desktop/views/new_chat.py" line="38"/>
        <source>New chat</source>
        <translation>Новый чат</translation>
    </message>
    <message>
        <location filename="../../desktop/views/new_chat.py" line="43"/>
        <source>Phone number of the person you want to write to:</source>
        <translation>Номер телефона человека, которому хотите написать:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/new_chat.py" line="46"/>
        <source>+7 900 123-45-67</source>
        <translation>+7 900 123-45-67</translation>
    </message>
    <message>
        <location filename="../../desktop/views/new_chat.py" line="56"/>
        <source>Start chat</source>
        <translation>Начать чат</translation>
    </message>
</context>
<context>
    <name>SignInView</name>
    <message>
        <location filename="../../desktop/views/sign_in.py" line="97"/>
        <location filename="../../desktop/views/sign_in.py" line="174"/>
        <location filename="../../desktop/views/sign_in.py" line="216"/>
        <source>Sign in</source>
        <translation>Войти</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sign_in.py" line="99"/>
        <source>Enter your phone number. We will send you an SMS with a code.</source>
        <translation>Введите номер телефона — мы пришлём SMS с кодом.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sign_in.py" line="103"/>
        <source>Phone number</source>
        <translation>Номер телефона</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sign_in.py" line="105"/>
        <source>+7 900 123-45-67</source>
        <translation>+7 900 123-45-67</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sign_in.py" line="119"/>
        <location filename="../../desktop/views/sign_in.py" line="215"/>
        <source>Get code</source>
        <translation>Получить код</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sign_in.py" line="128"/>
        <source>Local server: the code will be shown here instead of an SMS.</source>
        <translation>Локальный сервер: код появится здесь вместо SMS.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sign_in.py" line="139"/>
        <source>Enter the code</source>
        <translation>Введите код</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sign_in.py" line="149"/>
        <source>Code from the SMS</source>
        <translation>Код из SMS</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sign_in.py" line="160"/>
        <source>Your name</source>
        <translation>Ваше имя</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sign_in.py" line="163"/>
        <source>How club members will see you</source>
        <translation>Так вас увидят участники клуба</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sign_in.py" line="181"/>
        <source>Change number</source>
        <translation>Изменить номер</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sign_in.py" line="215"/>
        <source>Sending code…</source>
        <translation>Отправляем код…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sign_in.py" line="216"/>
        <source>Signing in…</source>
        <translation>Входим…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sign_in.py" line="249"/>
        <source>Sign-in code (local server): %1</source>
        <translation>Код для входа (локальный сервер): %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sign_in.py" line="269"/>
        <source>Resend code in %1</source>
        <translation>Новый код через %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sign_in.py" line="272"/>
        <source>Resend code</source>
        <translation>Отправить код ещё раз</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sign_in.py" line="307"/>
        <source>We sent an SMS with a code to %1. This number is new here, so enter your name too.</source>
        <translation>Мы отправили SMS с кодом на номер %1. Этот номер у нас впервые, поэтому введите ещё и своё имя.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sign_in.py" line="310"/>
        <source>We sent an SMS with a code to %1.</source>
        <translation>Мы отправили SMS с кодом на номер %1.</translation>
    </message>
</context>
<context>
    <name>SyncConnectionState</name>
    <message>
        <location filename="../../desktop/chat.py" line="37"/>
        <source>Connecting…</source>
        <translation>Подключение…</translation>
    </message>
    <message>
        <location filename="../../desktop/chat.py" line="38"/>
        <source>Updating…</source>
        <translation>Обновление…</translation>
    </message>
    <message>
        <location filename="../../desktop/chat.py" line="39"/>
        <source>Offline</source>
        <translation>Нет сети</translation>
    </message>
</context>
<context>
    <name>SyncMessageActions</name>
    <message>
        <location filename="../../desktop/views/chat_view.py" line="99"/>
        <source>Try again</source>
        <translation>Отправить ещё раз</translation>
    </message>
</context>
<context>
    <name>SyncMessageState</name>
    <message>
        <location filename="../../desktop/delegates.py" line="109"/>
        <source>Sending</source>
        <translation>Отправляется</translation>
    </message>
    <message>
        <location filename="../../desktop/delegates.py" line="110"/>
        <source>Sent</source>
        <translation>Отправлено</translation>
    </message>
    <message>
        <location filename="../../desktop/delegates.py" line="111"/>
        <source>Read</source>
        <translation>Прочитано</translation>
    </message>
    <message>
        <location filename="../../desktop/delegates.py" line="112"/>
        <source>Not sent. Double-click or right-click to try again.</source>
        <translation>Не отправлено. Чтобы отправить ещё раз, дважды щёлкните сообщение или откройте его контекстное меню.</translation>
    </message>
</context>
</TS>
