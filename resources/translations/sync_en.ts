<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>MessageDelegate</name>
    <message>
        <location filename="../../desktop/delegates.py" line="102"/>
        <source>Not sent</source>
        <translation>Not sent</translation>
    </message>
</context>
<context>
    <name>SyncConnectionState</name>
    <message>
        <location filename="../../desktop/chat.py" line="37"/>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <location filename="../../desktop/chat.py" line="38"/>
        <source>Updating…</source>
        <translation>Updating…</translation>
    </message>
    <message>
        <location filename="../../desktop/chat.py" line="39"/>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
</context>
<context>
    <name>SyncMessageActions</name>
    <message>
        <location filename="../../desktop/views/chat_view.py" line="99"/>
        <source>Try again</source>
        <translation>Try again</translation>
    </message>
</context>
<context>
    <name>SyncMessageState</name>
    <message>
        <location filename="../../desktop/delegates.py" line="109"/>
        <source>Sending</source>
        <translation>Sending</translation>
    </message>
    <message>
        <location filename="../../desktop/delegates.py" line="110"/>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../../desktop/delegates.py" line="111"/>
        <source>Read</source>
        <translation>Read</translation>
    </message>
    <message>
        <location filename="../../desktop/delegates.py" line="112"/>
        <source>Not sent. Double-click or right-click to try again.</source>
        <translation>Not sent. Double-click or right-click to try again.</translation>
    </message>
</context>
</TS>
