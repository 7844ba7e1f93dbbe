<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ChatHeaderExtras</name>
    <message>
        <location filename="../../desktop/social/chat_extras.py" line="137"/>
        <source>Show the profile or the group&apos;s members</source>
        <translation>Show the profile or the group's members</translation>
    </message>
</context>
<context>
    <name>FriendsPage</name>
    <message>
        <location filename="../../desktop/social/friends_view.py" line="148"/>
        <source>Friends</source>
        <translation>Friends</translation>
    </message>
    <message>
        <location filename="../../desktop/social/friends_view.py" line="150"/>
        <source>My profile</source>
        <translation>My profile</translation>
    </message>
    <message>
        <location filename="../../desktop/social/friends_view.py" line="153"/>
        <source>New group…</source>
        <translation>New group…</translation>
    </message>
    <message>
        <location filename="../../desktop/social/friends_view.py" line="162"/>
        <source>Phone number, e.g. +7 914 123-45-67</source>
        <translation>Phone number, e.g. +7 914 123-45-67</translation>
    </message>
    <message>
        <location filename="../../desktop/social/friends_view.py" line="164"/>
        <source>Find</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../desktop/social/friends_view.py" line="175"/>
        <source>Sent requests</source>
        <translation>Sent requests</translation>
    </message>
    <message>
        <location filename="../../desktop/social/friends_view.py" line="192"/>
        <source>No friends yet. Find people by their phone number above.</source>
        <translation>No friends yet. Find people by their phone number above.</translation>
    </message>
    <message>
        <location filename="../../desktop/social/friends_view.py" line="220"/>
        <source>Friend requests (%1)</source>
        <translation>Friend requests (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/social/friends_view.py" line="223"/>
        <source>Friends (%1)</source>
        <translation>Friends (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/social/friends_view.py" line="261"/>
        <source>Open profile</source>
        <translation>Open profile</translation>
    </message>
    <message>
        <location filename="../../desktop/social/friends_view.py" line="263"/>
        <source>Write a message</source>
        <translation>Write a message</translation>
    </message>
    <message>
        <location filename="../../desktop/social/friends_view.py" line="268"/>
        <source>Remove from friends</source>
        <translation>Remove from friends</translation>
    </message>
</context>
<context>
    <name>GroupMembersDialog</name>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="154"/>
        <source>Group members</source>
        <translation>Group members</translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="162"/>
        <source>Rename</source>
        <translation>Rename</translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="180"/>
        <source>Add</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="186"/>
        <source>Add a member:</source>
        <translation>Add a member:</translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="190"/>
        <location filename="../../desktop/social/groups_view.py" line="320"/>
        <source>Leave the group</source>
        <translation>Leave the group</translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="225"/>
        <source>Could not load the group.</source>
        <translation>Could not load the group.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/social/groups_view.py" line="243"/>
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="269"/>
        <source>Remove admin</source>
        <translation>Remove admin</translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="269"/>
        <source>Make admin</source>
        <translation>Make admin</translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="319"/>
        <source>Leave the group “%1”? You will stop getting its messages.</source>
        <translation>Leave the group “%1”? You will stop getting its messages.</translation>
    </message>
</context>
<context>
    <name>MemberRow</name>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="114"/>
        <source> (you)</source>
        <translation> (you)</translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="116"/>
        <source>owner</source>
        <translation>owner</translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="116"/>
        <source>admin</source>
        <translation>admin</translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="122"/>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
</context>
<context>
    <name>NewGroupDialog</name>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="42"/>
        <source>New group</source>
        <translation>New group</translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="45"/>
        <source>Group name, e.g. Night ride to Baikal</source>
        <translation>Group name, e.g. Night ride to Baikal</translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="55"/>
        <source>Add friends or start chats to invite people; you can add members later too.</source>
        <translation>Add friends or start chats to invite people; you can add members later too.</translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="65"/>
        <source>Create group</source>
        <translation>Create group</translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="69"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="71"/>
        <source>Members</source>
        <translation>Members</translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="97"/>
        <source>Creating…</source>
        <translation>Creating…</translation>
    </message>
    <message>
        <location filename="../../desktop/social/groups_view.py" line="100"/>
        <source>Could not create the group.</source>
        <translation>Could not create the group.</translation>
    </message>
</context>
<context>
    <name>RequestRow</name>
    <message>
        <location filename="../../desktop/social/friends_view.py" line="120"/>
        <source>Accept</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../desktop/social/friends_view.py" line="124"/>
        <source>Decline</source>
        <translation>Decline</translation>
    </message>
    <message>
        <location filename="../../desktop/social/friends_view.py" line="124"/>
        <source>Cancel request</source>
        <translation>Cancel request</translation>
    </message>
</context>
<context>
    <name>SessionRow</name>
    <message>
        <location filename="../../desktop/social/sessions_view.py" line="38"/>
        <source>Unknown device</source>
        <translation>Unknown device</translation>
    </message>
    <message>
        <location filename="../../desktop/social/sessions_view.py" line="40"/>
        <source>unknown address</source>
        <translation>unknown address</translation>
    </message>
    <message>
        <location filename="../../desktop/social/sessions_view.py" line="41"/>
        <source>last active %1</source>
        <translation>last active %1</translation>
    </message>
    <message>
        <location filename="../../desktop/social/sessions_view.py" line="53"/>
        <source>this device</source>
        <translation>this device</translation>
    </message>
    <message>
        <location filename="../../desktop/social/sessions_view.py" line="57"/>
        <source>Sign out</source>
        <translation>Sign out</translation>
    </message>
</context>
<context>
    <name>SessionsPage</name>
    <message>
        <location filename="../../desktop/social/sessions_view.py" line="77"/>
        <source>Devices where your account is signed in.</source>
        <translation>Devices where your account is signed in.</translation>
    </message>
    <message>
        <location filename="../../desktop/social/sessions_view.py" line="85"/>
        <source>Sign out of all other sessions</source>
        <translation>Sign out of all other sessions</translation>
    </message>
    <message>
        <location filename="../../desktop/social/sessions_view.py" line="137"/>
        <source>Sign out on every other device? You stay signed in here.</source>
        <translation>Sign out on every other device? You stay signed in here.</translation>
    </message>
    <message>
        <location filename="../../desktop/social/sessions_view.py" line="138"/>
        <source>Sign out of other sessions</source>
        <translation>Sign out of other sessions</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/social/sessions_view.py" line="144"/>
        <source>Signed out of %n session(s).</source>
        <translation>
            <numerusform>Signed out of %n session.</numerusform>
            <numerusform>Signed out of %n sessions.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsSection</name>
    <message>
        <location filename="../../desktop/social/sessions_view.py" line="155"/>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
</context>
<context>
    <name>SocialFeature</name>
    <message>
        <location filename="../../desktop/social/feature.py" line="86"/>
        <location filename="../../desktop/social/feature.py" line="174"/>
        <source>Friends</source>
        <translation>Friends</translation>
    </message>
    <message>
        <location filename="../../desktop/social/feature.py" line="91"/>
        <source>Profile</source>
        <translation>Profile</translation>
    </message>
    <message>
        <location filename="../../desktop/social/feature.py" line="93"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/social/feature.py" line="106"/>
        <source>New &amp;group…</source>
        <translation>New &amp;group…</translation>
    </message>
</context>
<context>
    <name>SocialPresence</name>
    <message>
        <location filename="../../desktop/social/presence.py" line="95"/>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <location filename="../../desktop/social/presence.py" line="97"/>
        <source>last seen a long time ago</source>
        <translation>last seen a long time ago</translation>
    </message>
    <message>
        <location filename="../../desktop/social/presence.py" line="102"/>
        <source>last seen just now</source>
        <translation>last seen just now</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/social/presence.py" line="104"/>
        <source>last seen %n minute(s) ago</source>
        <translation>
            <numerusform>last seen %n minute ago</numerusform>
            <numerusform>last seen %n minutes ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/social/presence.py" line="107"/>
        <source>last seen %n hour(s) ago</source>
        <translation>
            <numerusform>last seen %n hour ago</numerusform>
            <numerusform>last seen %n hours ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/social/presence.py" line="110"/>
        <source>last seen %n day(s) ago</source>
        <translation>
            <numerusform>last seen %n day ago</numerusform>
            <numerusform>last seen %n days ago</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/social/presence.py" line="113"/>
        <source>last seen on %1</source>
        <translation>last seen on %1</translation>
    </message>
</context>
<context>
    <name>SocialService</name>
    <message>
        <location filename="../../desktop/social/service.py" line="336"/>
        <source>%1 just looked at your profile</source>
        <translation>%1 just looked at your profile</translation>
    </message>
    <message>
        <location filename="../../desktop/social/service.py" line="344"/>
        <source>%1 wants to be your friend</source>
        <translation>%1 wants to be your friend</translation>
    </message>
    <message>
        <location filename="../../desktop/social/service.py" line="347"/>
        <source>%1 accepted your friend request</source>
        <translation>%1 accepted your friend request</translation>
    </message>
</context>
<context>
    <name>SocialTyping</name>
    <message>
        <location filename="../../desktop/social/typing.py" line="141"/>
        <source>%1 is typing…</source>
        <translation>%1 is typing…</translation>
    </message>
    <message>
        <location filename="../../desktop/social/typing.py" line="143"/>
        <source>%1 and %2 are typing…</source>
        <translation>%1 and %2 are typing…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/social/typing.py" line="145"/>
        <source>%1, %2 and %n more are typing…</source>
        <translation>
            <numerusform>%1, %2 and %n more are typing…</numerusform>
            <numerusform>%1, %2 and %n more are typing…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UserProfilePage</name>
    <message>
        <location filename="../../desktop/social/profile_view.py" line="60"/>
        <source>← Back</source>
        <translation>← Back</translation>
    </message>
    <message>
        <location filename="../../desktop/social/profile_view.py" line="83"/>
        <source>Write a message</source>
        <translation>Write a message</translation>
    </message>
    <message>
        <location filename="../../desktop/social/profile_view.py" line="98"/>
        <source>Who visited your profile</source>
        <translation>Who visited your profile</translation>
    </message>
    <message>
        <location filename="../../desktop/social/profile_view.py" line="104"/>
        <source>Nobody has visited your profile yet.</source>
        <translation>Nobody has visited your profile yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/social/profile_view.py" line="149"/>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../desktop/social/profile_view.py" line="152"/>
        <source>Could not load the profile.</source>
        <translation>Could not load the profile.</translation>
    </message>
    <message>
        <location filename="../../desktop/social/profile_view.py" line="180"/>
        <source>%1 — %2, visits: %3</source>
        <translation>%1 — %2, visits: %3</translation>
    </message>
    <message>
        <location filename="../../desktop/social/profile_view.py" line="217"/>
        <source>Add to friends</source>
        <translation>Add to friends</translation>
    </message>
    <message>
        <location filename="../../desktop/social/profile_view.py" line="218"/>
        <source>Cancel friend request</source>
        <translation>Cancel friend request</translation>
    </message>
    <message>
        <location filename="../../desktop/social/profile_view.py" line="219"/>
        <source>Accept friend request</source>
        <translation>Accept friend request</translation>
    </message>
    <message>
        <location filename="../../desktop/social/profile_view.py" line="219"/>
        <source>Decline</source>
        <translation>Decline</translation>
    </message>
    <message>
        <location filename="../../desktop/social/profile_view.py" line="220"/>
        <location filename="../../desktop/social/profile_view.py" line="245"/>
        <source>Remove from friends</source>
        <translation>Remove from friends</translation>
    </message>
    <message>
        <location filename="../../desktop/social/profile_view.py" line="244"/>
        <source>Remove %1 from your friends?</source>
        <translation>Remove %1 from your friends?</translation>
    </message>
</context>
</TS>
