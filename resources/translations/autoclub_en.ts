<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AppController</name>
    <message>
        <location filename="../../desktop/app.py" line="164"/>
        <source>Connecting to the server…</source>
        <translation>Connecting to the server…</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="170"/>
        <source>Could not start the local server</source>
        <translation>Could not start the local server</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="170"/>
        <source>Try again</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="195"/>
        <source>Starting the local server…</source>
        <translation>Starting the local server…</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="200"/>
        <source>The local server stopped</source>
        <translation>The local server stopped</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="201"/>
        <source>It exited with code %1.</source>
        <translation>It exited with code %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="202"/>
        <source>Start again</source>
        <translation>Start again</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="255"/>
        <source>Chats</source>
        <translation>Chats</translation>
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
        <translation>&amp;New chat…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="230"/>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="233"/>
        <source>System language</source>
        <translation>System language</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="244"/>
        <source>&amp;Sign out</source>
        <translation>&amp;Sign out</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="247"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
</context>
<context>
    <name>ChatsPage</name>
    <message>
        <location filename="../../desktop/views/main_window.py" line="81"/>
        <source>New chat</source>
        <translation>New chat</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="98"/>
        <source>No chats yet. Start one with “New chat”.</source>
        <translation>No chats yet. Start one with “New chat”.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="121"/>
        <source>Choose a chat on the left or start a new one.</source>
        <translation>Choose a chat on the left or start a new one.</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../desktop/views/composer.py" line="53"/>
        <source>Write a message…</source>
        <translation>Write a message…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="60"/>
        <source>Send</source>
        <translation>Send</translation>
    </message>
</context>
<context>
    <name>DialogListModel</name>
    <message>
        <location filename="../../desktop/models.py" line="298"/>
        <source>Saved messages</source>
        <translation>Saved messages</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="336"/>
        <source>You: %1</source>
        <translation>You: %1</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <location filename="../../desktop/errors.py" line="21"/>
        <source>The app sent a request the server could not read. Please update the app.</source>
        <translation>The app sent a request the server could not read. Please update the app.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="24"/>
        <source>The server rejected the request as invalid. Please check what you entered.</source>
        <translation>The server rejected the request as invalid. Please check what you entered.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="27"/>
        <source>This does not look like a phone number. Enter it with the country code.</source>
        <translation>This does not look like a phone number. Enter it with the country code.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="30"/>
        <source>The code must be %1 digits.</source>
        <translation>The code must be %1 digits.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="31"/>
        <source>Enter your name to create an account.</source>
        <translation>Enter your name to create an account.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="34"/>
        <source>The name must be 1 to %1 characters.</source>
        <translation>The name must be 1 to %1 characters.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="37"/>
        <source>Cannot send an empty message.</source>
        <translation>Cannot send an empty message.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="38"/>
        <source>The message is too long: at most %1 characters.</source>
        <translation>The message is too long: at most %1 characters.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="41"/>
        <source>The app sent an invalid message id. Please update the app.</source>
        <translation>The app sent an invalid message id. Please update the app.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="44"/>
        <source>Could not load the message history. Please try again.</source>
        <translation>Could not load the message history. Please try again.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="47"/>
        <source>This is your own number. Enter the number of another person.</source>
        <translation>This is your own number. Enter the number of another person.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="50"/>
        <source>You cannot add yourself as a friend.</source>
        <translation>You cannot add yourself as a friend.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="51"/>
        <source>The group name is empty or too long.</source>
        <translation>The group name is empty or too long.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="52"/>
        <source>The group has reached its member limit.</source>
        <translation>The group has reached its member limit.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="53"/>
        <source>This works only in group chats.</source>
        <translation>This works only in group chats.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="54"/>
        <source>You are signed out. Please sign in again.</source>
        <translation>You are signed out. Please sign in again.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="57"/>
        <source>Your session has ended. Please sign in again.</source>
        <translation>Your session has ended. Please sign in again.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="60"/>
        <source>Wrong code. Check the SMS and try again.</source>
        <translation>Wrong code. Check the SMS and try again.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="61"/>
        <source>The code has expired. Request a new one.</source>
        <translation>The code has expired. Request a new one.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="62"/>
        <source>No code was sent to this number. Request a code first.</source>
        <translation>No code was sent to this number. Request a code first.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="65"/>
        <source>Too many wrong codes. Request a new code.</source>
        <translation>Too many wrong codes. Request a new code.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="68"/>
        <source>You do not have access to this.</source>
        <translation>You do not have access to this.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="69"/>
        <source>You are not a member of this chat.</source>
        <translation>You are not a member of this chat.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="70"/>
        <source>This session has already ended.</source>
        <translation>This session has already ended.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="71"/>
        <source>Not found.</source>
        <translation>Not found.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="72"/>
        <source>This chat does not exist or you are not in it.</source>
        <translation>This chat does not exist or you are not in it.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="75"/>
        <source>Nobody with this number uses Autoclub yet.</source>
        <translation>Nobody with this number uses Autoclub yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="78"/>
        <source>This was changed at the same time elsewhere. Please try again.</source>
        <translation>This was changed at the same time elsewhere. Please try again.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="81"/>
        <source>The request is too large.</source>
        <translation>The request is too large.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="82"/>
        <source>Too many requests. Please wait a little and try again.</source>
        <translation>Too many requests. Please wait a little and try again.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="85"/>
        <source>This club does not exist or you cannot see it.</source>
        <translation>This club does not exist or you cannot see it.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="88"/>
        <source>This album does not exist or was deleted.</source>
        <translation>This album does not exist or was deleted.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="91"/>
        <source>This photo does not exist or was deleted.</source>
        <translation>This photo does not exist or was deleted.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="94"/>
        <source>This request to join no longer exists.</source>
        <translation>This request to join no longer exists.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="97"/>
        <source>The owner cannot leave. Hand the ownership to another member first.</source>
        <translation>The owner cannot leave. Hand the ownership to another member first.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="100"/>
        <source>The file is too large.</source>
        <translation>The file is too large.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="101"/>
        <source>This file is not an image.</source>
        <translation>This file is not an image.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="102"/>
        <source>This image format is not supported. Use JPEG, PNG, WebP or HEIC.</source>
        <translation>This image format is not supported. Use JPEG, PNG, WebP or HEIC.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="105"/>
        <source>The image has too many pixels.</source>
        <translation>The image has too many pixels.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="106"/>
        <source>The image file is damaged.</source>
        <translation>The image file is damaged.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="107"/>
        <source>Photo storage is unavailable. Please try again later.</source>
        <translation>Photo storage is unavailable. Please try again later.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="110"/>
        <source>Could not send the SMS. Please try again later.</source>
        <translation>Could not send the SMS. Please try again later.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="113"/>
        <source>Something went wrong on the server. Please try again later.</source>
        <translation>Something went wrong on the server. Please try again later.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="116"/>
        <source>Cannot reach the server. Check your connection and try again.</source>
        <translation>Cannot reach the server. Check your connection and try again.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="119"/>
        <source>The server sent an unexpected response. Please update the app.</source>
        <translation>The server sent an unexpected response. Please update the app.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="125"/>
        <source>Something went wrong (%1). Please try again.</source>
        <translation>Something went wrong (%1). Please try again.</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <location filename="../../desktop/delegates.py" line="102"/>
        <source>Not sent</source>
        <translation>Not sent</translation>
    </message>
</context>
<context>
    <name>NewChatDialog</name>
    <message>
        <location filename="../../desktop/views/new_chat.py" line="38"/>
        <source>New chat</source>
        <translation>New chat</translation>
    </message>
    <message>
        <location filename="../../desktop/views/new_chat.py" line="43"/>
        <source>Phone number of the person you want to write to:</source>
        <translation>Phone number of the person you want to write to:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/new_chat.py" line="46"/>
        <source>+7 900 123-45-67</source>
        <translation>+7 900 123-45-67</translation>
    </message>
    <message>
        <location filename="../../desktop/views/new_chat.py" line="56"/>
        <source>Start chat</source>
        <translation>Start chat</translation>
    </message>
</context>
<context>
    <name>SignInView</name>
    <message>
        <location filename="../../desktop/views/sign_in.py" line="97"/>
        <location filename="../../desktop/views/sign_in.py" line="174"/>
        <location filename="../../desktop/views/sign_in.py" line="216"/>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sign_in.py" line="99"/>
        <source>Enter your phone number. We will send you an SMS with a code.</source>
        <translation>Enter your phone number. We will send you an SMS with a code.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sign_in.py" line="103"/>
        <source>Phone number</source>
        <translation>Phone number</translation>
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
        <translation>Get code</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sign_in.py" line="128"/>
        <source>Local server: the code will be shown here instead of an SMS.</source>
        <translation>Local server: the code will be shown here instead of an SMS.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sign_in.py" line="139"/>
        <source>Enter the code</source>
        <translation>Enter the code</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sign_in.py" line="149"/>
        <source>Code from the SMS</source>
        <translation>Code from the SMS</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sign_in.py" line="160"/>
        <source>Your name</source>
        <translation>Your name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sign_in.py" line="163"/>
        <source>How club members will see you</source>
        <translation>How club members will see you</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sign_in.py" line="181"/>
        <source>Change number</source>
        <translation>Change number</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sign_in.py" line="215"/>
        <source>Sending code…</source>
        <translation>Sending code…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sign_in.py" line="216"/>
        <source>Signing in…</source>
        <translation>Signing in…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sign_in.py" line="249"/>
        <source>Sign-in code (local server): %1</source>
        <translation>Sign-in code (local server): %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sign_in.py" line="269"/>
        <source>Resend code in %1</source>
        <translation>Resend code in %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sign_in.py" line="272"/>
        <source>Resend code</source>
        <translation>Resend code</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sign_in.py" line="307"/>
        <source>We sent an SMS with a code to %1. This number is new here, so enter your name too.</source>
        <translation>We sent an SMS with a code to %1. This number is new here, so enter your name too.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sign_in.py" line="310"/>
        <source>We sent an SMS with a code to %1.</source>
        <translation>We sent an SMS with a code to %1.</translation>
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
