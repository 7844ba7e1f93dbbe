<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>ChatHeaderExtras</name>
    <message>
        <location filename="../../desktop/social/chat_extras.py" line="137"/>
        <source>Show the profile or the group&apos;s members</source>
        <translation>Открыть профиль или список участников группы</translation>
    </message>
</context>
<context>
    <name>FriendsPage</name>
    <message>
        <location filename="../../desktop/social/friends_view.py" line="148"/>
        <source>Friends</source>
        <translation>Друзья</translation>
    </message>
    <message>
        <location filename="../../desktop/social/friends_view.py" line="150"/>
        <source>My profile</source>
        <translation>Мой профиль</translation>
    </message>
    <message>
        <location filename="../../desktop/social/friends_view.py" line="153"/>
        <source>New group…</source>
        <translation>Новая группа…</translation>
    </message>
    <message>
        <location filename="../../desktop/social/friends_view.py" line="162"/>
        <source>Phone number, e.g. +7 914 123-45-67</source>
        <translation>Номер телефона, например +7 914 123-45-67</translation>
    </message>
    <message>
        <location filename="../../desktop/social/friends_view.py" line="164"/>
        <source>Find</source>
        <translation>Найти</translation>
    </message>
    <message>
        <location filename="../../desktop/social/friends_view.py" line="175"/>
        <source>Sent requests</source>
        <translation>Отправленные заявки</translation>
    </message>
    <message>
        <location filename="../../desktop/social/friends_view.py" line="192"/>
        <source>No friends yet. Find people by their phone number above.</source>
        <translation>Друзей пока нет. Найдите людей по номеру телефона.</translation>
    </message>
    <message>
        <location filename="../../desktop/social/friends_view.py" line="220"/>
        <source>Friend requests (%1)</source>
        <translation>Заявки в друзья (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/social/friends_view.py" line="223"/>
        <source>Friends (%1)</source>
        <translation>Друзья (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/social/friends_view.py" line="261"/>
        <source>Open profile</source>
        <translation>Открыть профиль</translation>
    </message>
    <message>
        <location filename="../../desktop/social/friends_view.py" line="263"/>
        <source>Write a message</source>
        <translation>Написать сообщение</translation>
    </message>
    <message>
        <location filename="../../desktop/social/friends_view.py" line="268"/>
        <source>Remove from friends</source>
        <translation>Удалить из друзей</translation>
    </message>
</context>
<context>
    <name>GroupMembersDialog</name>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="154"/>
        <source>Group members</source>
        <translation>Участники группы</translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="162"/>
        <source>Rename</source>
        <translation>Переименовать</translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="180"/>
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="186"/>
        <source>Add a member:</source>
        <translation>Добавить участника:</translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="190"/>
        <location filename="../../desktop/social/groups_view.py" line="320"/>
        <source>Leave the group</source>
        <translation>Выйти из группы</translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="225"/>
        <source>Could not load the group.</source>
        <translation>Не удалось загрузить группу.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/social/groups_view.py" line="243"/>
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n участник</numerusform>
            <numerusform>%n участника</numerusform>
            <numerusform>%n участников</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="269"/>
        <source>Remove admin</source>
        <translation>Снять права админа</translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="269"/>
        <source>Make admin</source>
        <translation>Сделать админом</translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="319"/>
        <source>Leave the group “%1”? You will stop getting its messages.</source>
        <translation>Выйти из группы «%1»? Её сообщения перестанут приходить.</translation>
    </message>
</context>
<context>
    <name>MemberRow</name>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="114"/>
        <source> (you)</source>
        <translation> (вы)</translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="116"/>
        <source>owner</source>
        <translation>владелец</translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="116"/>
        <source>admin</source>
        <translation>админ</translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="122"/>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
</context>
<context>
    <name>NewGroupDialog</name>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="42"/>
        <source>New group</source>
        <translation>Новая группа</translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="45"/>
        <source>Group name, e.g. Night ride to Baikal</source>
        <translation>Название, например «Ночной заезд на Байкал»</translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="55"/>
        <source>Add friends or start chats to invite people; you can add members later too.</source>
        <translation>Чтобы пригласить людей, добавьте их в друзья или начните с ними чат. Участников можно добавить и позже.</translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="65"/>
        <source>Create group</source>
        <translation>Создать группу</translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="69"/>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="71"/>
        <source>Members</source>
        <translation>Участники</translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="97"/>
        <source>Creating…</source>
        <translation>Создаём…</translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="100"/>
        <source>Could not create the group.</source>
        <translation>Не удалось создать группу.</translation>
    </message>
</context>
<context>
    <name>RequestRow</name>
    <message>
        <location filename="../../desktop/social/friends_view.py" line="120"/>
        <source>Accept</source>
        <translation>Принять</translation>
    </message>
    <message>
        <location filename="../../desktop/social/friends_view.py" line="124"/>
        <source>Decline</source>
        <translation>Отклонить</translation>
    </message>
    <message>
        <location filename="../../desktop/social/friends_view.py" line="124"/>
        <source>Cancel request</source>
        <translation>Отменить заявку</translation>
    </message>
</context>
<context>
    <name>SessionRow</name>
    <message>
        <location filename="../../desktop/social/sessions_view.py" line="38"/>
        <source>Unknown device</source>
        <translation>Неизвестное устройство</translation>
    </message>
    <message>
        <location filename="../../desktop/social/sessions_view.py" line="40"/>
        <source>unknown address</source>
        <translation>адрес неизвестен</translation>
    </message>
    <message>
        <location filename="../../desktop/social/sessions_view.py" line="41"/>
        <source>last active %1</source>
        <translation>последняя активность: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/social/sessions_view.py" line="53"/>
        <source>this device</source>
        <translation>это устройство</translation>
    </message>
    <message>
        <location filename="../../desktop/social/sessions_view.py" line="57"/>
        <source>Sign out</source>
        <translation>Выйти</translation>
    </message>
</context>
<context>
    <name>SessionsPage</name>
    <message>
        <location filename="../../desktop/social/sessions_view.py" line="77"/>
        <source>Devices where your account is signed in.</source>
        <translation>Устройства, на которых выполнен вход в ваш аккаунт.</translation>
    </message>
    <message>
        <location filename="../../desktop/social/sessions_view.py" line="85"/>
        <source>Sign out of all other sessions</source>
        <translation>Выйти на всех других устройствах</translation>
    </message>
    <message>
        <location filename="../../desktop/social/sessions_view.py" line="137"/>
        <source>Sign out on every other device? You stay signed in here.</source>
        <translation>Выйти на всех других устройствах? На этом устройстве вход сохранится.</translation>
    </message>
    <message>
        <location filename="../../desktop/social/sessions_view.py" line="138"/>
        <source>Sign out of other sessions</source>
        <translation>Выход на других устройствах</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/social/sessions_view.py" line="144"/>
        <source>Signed out of %n session(s).</source>
        <translation>
            <numerusform>Завершён %n сеанс.</numerusform>
            <numerusform>Завершено %n сеанса.</numerusform>
            <numerusform>Завершено %n сеансов.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsSection</name>
    <message>
        <location filename="../../desktop/social/sessions_view.py" line="155"/>
        <source>Sessions</source>
        <translation>Сеансы</translation>
    </message>
</context>
<context>
    <name>SocialFeature</name>
    <message>
        <location filename="../../desktop/social/feature.py" line="86"/>
        <location filename="../../desktop/social/feature.py" line="174"/>
        <source>Friends</source>
        <translation>Друзья</translation>
    </message>
    <message>
        <location filename="../../desktop/social/feature.py" line="91"/>
        <source>Profile</source>
        <translation>Профиль</translation>
    </message>
    <message>
        <location filename="../../desktop/social/feature.py" line="93"/>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location filename="../../desktop/social/feature.py" line="106"/>
        <source>New &amp;group…</source>
        <translation>Новая &amp;группа…</translation>
    </message>
</context>
<context>
    <name>SocialPresence</name>
    <message>
        <location filename="../../desktop/social/presence.py" line="95"/>
        <source>online</source>
        <translation>в сети</translation>
    </message>
    <message>
        <location filename="../../desktop/social/presence.py" line="97"/>
        <source>last seen a long time ago</source>
        <translation>был(а) в сети давно</translation>
    </message>
    <message>
        <location filename="../../desktop/social/presence.py" line="102"/>
        <source>last seen just now</source>
        <translation>был(а) в сети только что</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/social/presence.py" line="104"/>
        <source>last seen %n minute(s) ago</source>
        <translation>
            <numerusform>был(а) в сети %n минуту назад</numerusform>
            <numerusform>был(а) в сети %n минуты назад</numerusform>
            <numerusform>был(а) в сети %n минут назад</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/social/presence.py" line="107"/>
        <source>last seen %n hour(s) ago</source>
        <translation>
            <numerusform>был(а) в сети %n час назад</numerusform>
            <numerusform>был(а) в сети %n часа назад</numerusform>
            <numerusform>был(а) в сети %n часов назад</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/social/presence.py" line="110"/>
        <source>last seen %n day(s) ago</source>
        <translation>
            <numerusform>был(а) в сети %n день назад</numerusform>
            <numerusform>был(а) в сети %n дня назад</numerusform>
            <numerusform>был(а) в сети %n дней назад</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/social/presence.py" line="113"/>
        <source>last seen on %1</source>
        <translation>был(а) в сети %1</translation>
    </message>
</context>
<context>
    <name>SocialService</name>
    <message>
        <location filename="../../desktop/social/service.py" line="336"/>
        <source>%1 just looked at your profile</source>
        <translation>%1 только что посмотрел(а) ваш профиль</translation>
    </message>
    <message>
        <location filename="../../desktop/social/service.py" line="344"/>
        <source>%1 wants to be your friend</source>
        <translation>%1 хочет добавить вас в друзья</translation>
    </message>
    <message>
        <location filename="../../desktop/social/service.py" line="347"/>
        <source>%1 accepted your friend request</source>
        <translation>%1 принял(а) вашу заявку в друзья</translation>
    </message>
</context>
<context>
    <name>SocialTyping</name>
    <message>
        <location filename="../../desktop/social/typing.py" line="141"/>
        <source>%1 is typing…</source>
        <translation>%1 печатает…</translation>
    </message>
    <message>
        <location filename="../../desktop/social/typing.py" line="143"/>
        <source>%1 and %2 are typing…</source>
        <translation>%1 и %2 печатают…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/social/typing.py" line="145"/>
        <source>%1, %2 and %n more are typing…</source>
        <translation>
            <numerusform>%1, %2 и ещё %n человек печатают…</numerusform>
            <numerusform>%1, %2 и ещё %n человека печатают…</numerusform>
            <numerusform>%1, %2 и ещё %n человек печатают…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UserProfilePage</name>
    <message>
        <location filename="../../desktop/social/profile_view.py" line="60"/>
        <source>← Back</source>
        <translation>← Назад</translation>
    </message>
    <message>
        <location filename="../../desktop/social/profile_view.py" line="83"/>
        <source>Write a message</source>
        <translation>Написать сообщение</translation>
    </message>
    <message>
        <location filename="../../desktop/social/profile_view.py" line="98"/>
        <source>Who visited your profile</source>
        <translation>Кто смотрел ваш профиль</translation>
    </message>
    <message>
        <location filename="../../desktop/social/profile_view.py" line="104"/>
        <source>Nobody has visited your profile yet.</source>
        <translation>Ваш профиль пока никто не смотрел.</translation>
    </message>
    <message>
        <location filename="../../desktop/social/profile_view.py" line="149"/>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location filename="../../desktop/social/profile_view.py" line="152"/>
        <source>Could not load the profile.</source>
        <translation>Не удалось загрузить профиль.</translation>
    </message>
    <message>
        <location filename="../../desktop/social/profile_view.py" line="180"/>
        <source>%1 — %2, visits: %3</source>
        <translation>%1 — %2, посещений: %3</translation>
    </message>
    <message>
        <location filename="../../desktop/social/profile_view.py" line="217"/>
        <source>Add to friends</source>
        <translation>Добавить в друзья</translation>
    </message>
    <message>
        <location filename="../../desktop/social/profile_view.py" line="218"/>
        <source>Cancel friend request</source>
        <translation>Отменить заявку в друзья</translation>
    </message>
    <message>
        <location filename="../../desktop/social/profile_view.py" line="219"/>
        <source>Accept friend request</source>
        <translation>Принять заявку в друзья</translation>
    </message>
    <message>
        <location filename="../../desktop/social/profile_view.py" line="219"/>
        <source>Decline</source>
        <translation>Отклонить</translation>
    </message>
    <message>
        <location filename="../../desktop/social/profile_view.py" line="220"/>
        <location filename="../../desktop/social/profile_view.py" line="245"/>
        <source>Remove from friends</source>
        <translation>Удалить из друзей</translation>
    </message>
    <message>
        <location filename="../../desktop/social/profile_view.py" line="244"/>
        <source>Remove %1 from your friends?</source>
        <translation>Удалить %1 из друзей?</translation>
    </message>
</context>
</TS>
