<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>MessageDelegate</name>
    <message>
        <location filename="../../desktop/delegates.py" line="102"/>
        <source>Not sent</source>
        <translation>Не отправлено</translation>
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
