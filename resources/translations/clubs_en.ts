<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AlbumDialog</name>
    <message>
        <location filename="../../desktop/albums/dialogs.py" line="23"/>
        <source>Album</source>
        <translation>Album</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/dialogs.py" line="23"/>
        <source>New album</source>
        <translation>New album</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/dialogs.py" line="25"/>
        <source>For example: Summer meet 2025</source>
        <translation>For example: Summer meet 2025</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/dialogs.py" line="39"/>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/dialogs.py" line="41"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/dialogs.py" line="60"/>
        <source>Enter the album&apos;s title.</source>
        <translation>Enter the album&apos;s title.</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/dialogs.py" line="62"/>
        <source>The title is too long: at most %1 characters.</source>
        <translation>The title is too long: at most %1 characters.</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/dialogs.py" line="66"/>
        <source>The description is too long: at most %1 characters.</source>
        <translation>The description is too long: at most %1 characters.</translation>
    </message>
</context>
<context>
    <name>AlbumView</name>
    <message>
        <location filename="../../desktop/albums/view.py" line="78"/>
        <source>← Albums</source>
        <translation>← Albums</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/view.py" line="86"/>
        <source>Add photos…</source>
        <translation>Add photos…</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/view.py" line="89"/>
        <source>Edit…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/view.py" line="92"/>
        <source>Set as album cover</source>
        <translation>Set as album cover</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/view.py" line="95"/>
        <location filename="../../desktop/albums/view.py" line="301"/>
        <source>Delete photo</source>
        <translation>Delete photo</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/view.py" line="98"/>
        <location filename="../../desktop/albums/view.py" line="322"/>
        <source>Delete album</source>
        <translation>Delete album</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/view.py" line="204"/>
        <source>No photos yet. Add some with “Add photos…” or drop files here.</source>
        <translation>No photos yet. Add some with “Add photos…” or drop files here.</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/view.py" line="206"/>
        <source>No photos yet.</source>
        <translation>No photos yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/view.py" line="239"/>
        <source>Add photos</source>
        <translation>Add photos</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/view.py" line="239"/>
        <source>Images (%1)</source>
        <translation>Images (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/view.py" line="301"/>
        <source>Delete this photo for everyone?</source>
        <translation>Delete this photo for everyone?</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/view.py" line="323"/>
        <source>Delete the album “%1” with all its photos?</source>
        <translation>Delete the album “%1” with all its photos?</translation>
    </message>
</context>
<context>
    <name>AlbumsPanel</name>
    <message>
        <location filename="../../desktop/albums/panel.py" line="72"/>
        <source>New album…</source>
        <translation>New album…</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/panel.py" line="140"/>
        <source>Albums: %1</source>
        <translation>Albums: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/panel.py" line="142"/>
        <source>No albums yet.</source>
        <translation>No albums yet.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/albums/panel.py" line="145"/>
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n photo</numerusform>
            <numerusform>%n photos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClubDelegate</name>
    <message>
        <location filename="../../desktop/clubs/list_page.py" line="150"/>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/list_page.py" line="152"/>
        <source>Admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/list_page.py" line="154"/>
        <source>Member</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/list_page.py" line="156"/>
        <source>Request sent</source>
        <translation>Request sent</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/clubs/list_page.py" line="160"/>
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClubEditorDialog</name>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="65"/>
        <source>New club</source>
        <translation>New club</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="65"/>
        <source>Edit club</source>
        <translation>Edit club</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="68"/>
        <source>For example: Toyota Club Vladivostok</source>
        <translation>For example: Toyota Club Vladivostok</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="71"/>
        <source>A make, a model or a kind of motoring</source>
        <translation>A make, a model or a kind of motoring</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="75"/>
        <source>Anyone can join</source>
        <translation>Anyone can join</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="76"/>
        <source>Admins approve each request</source>
        <translation>Admins approve each request</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="91"/>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="92"/>
        <source>City</source>
        <translation>City</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="93"/>
        <source>Topic</source>
        <translation>Topic</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="94"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="95"/>
        <source>Joining</source>
        <translation>Joining</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="116"/>
        <source>Enter the club&apos;s title.</source>
        <translation>Enter the club&apos;s title.</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="117"/>
        <source>The title is too long: at most %1 characters.</source>
        <translation>The title is too long: at most %1 characters.</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="118"/>
        <source>Enter the city.</source>
        <translation>Enter the city.</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="119"/>
        <source>The city is too long: at most %1 characters.</source>
        <translation>The city is too long: at most %1 characters.</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="120"/>
        <source>Enter the topic, for example a car make.</source>
        <translation>Enter the topic, for example a car make.</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="121"/>
        <source>The topic is too long: at most %1 characters.</source>
        <translation>The topic is too long: at most %1 characters.</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="130"/>
        <source>The description is too long: at most %1 characters.</source>
        <translation>The description is too long: at most %1 characters.</translation>
    </message>
</context>
<context>
    <name>ClubListPage</name>
    <message>
        <location filename="../../desktop/clubs/list_page.py" line="261"/>
        <source>Search clubs by title</source>
        <translation>Search clubs by title</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/list_page.py" line="264"/>
        <source>City</source>
        <translation>City</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/list_page.py" line="267"/>
        <source>New club…</source>
        <translation>New club…</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/list_page.py" line="270"/>
        <source>My photos</source>
        <translation>My photos</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/list_page.py" line="350"/>
        <source>No clubs match the search.</source>
        <translation>No clubs match the search.</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/list_page.py" line="352"/>
        <source>No clubs yet. Create the first one with “New club…”.</source>
        <translation>No clubs yet. Create the first one with “New club…”.</translation>
    </message>
</context>
<context>
    <name>ClubPage</name>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="79"/>
        <source>← Clubs</source>
        <translation>← Clubs</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="102"/>
        <source>Open chat</source>
        <translation>Open chat</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="108"/>
        <source>Edit…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="111"/>
        <source>Cover</source>
        <translation>Cover</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="114"/>
        <location filename="../../desktop/clubs/club_page.py" line="241"/>
        <source>Upload a cover…</source>
        <translation>Upload a cover…</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="116"/>
        <source>Set the focal point…</source>
        <translation>Set the focal point…</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="118"/>
        <source>Remove the cover</source>
        <translation>Remove the cover</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="142"/>
        <source>Albums</source>
        <translation>Albums</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="143"/>
        <source>Members</source>
        <translation>Members</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="180"/>
        <source>Make admin</source>
        <translation>Make admin</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="181"/>
        <source>Make member</source>
        <translation>Make member</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="182"/>
        <source>Hand the club over…</source>
        <translation>Hand the club over…</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="183"/>
        <location filename="../../desktop/clubs/club_page.py" line="505"/>
        <source>Remove from club</source>
        <translation>Remove from club</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="208"/>
        <source>Approve</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="211"/>
        <source>Decline</source>
        <translation>Decline</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/clubs/club_page.py" line="231"/>
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="241"/>
        <source>Replace the cover…</source>
        <translation>Replace the cover…</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="252"/>
        <source>Join</source>
        <translation>Join</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="252"/>
        <source>Ask to join</source>
        <translation>Ask to join</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="255"/>
        <source>Cancel request</source>
        <translation>Cancel request</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="255"/>
        <source>Leave</source>
        <translation>Leave</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="257"/>
        <source>Request sent. The club&apos;s admins will answer it.</source>
        <translation>Request sent. The club&apos;s admins will answer it.</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="259"/>
        <source>You own this club.</source>
        <translation>You own this club.</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="261"/>
        <source>You are an admin of this club.</source>
        <translation>You are an admin of this club.</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="263"/>
        <source>You are a member.</source>
        <translation>You are a member.</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="270"/>
        <location filename="../../desktop/clubs/club_page.py" line="276"/>
        <source>Requests</source>
        <translation>Requests</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="275"/>
        <source>Requests (%1)</source>
        <translation>Requests (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="279"/>
        <source>owner</source>
        <translation>owner</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="279"/>
        <source>admin</source>
        <translation>admin</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="279"/>
        <source>member</source>
        <translation>member</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="288"/>
        <source>(you)</source>
        <translation>(you)</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="398"/>
        <source>Leave club</source>
        <translation>Leave club</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="398"/>
        <source>Leave “%1” and its chat?</source>
        <translation>Leave “%1” and its chat?</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="425"/>
        <source>Cover photo</source>
        <translation>Cover photo</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="425"/>
        <source>Images (%1)</source>
        <translation>Images (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="431"/>
        <source>Uploading the cover…</source>
        <translation>Uploading the cover…</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="439"/>
        <source>Could not read the file %1.</source>
        <translation>Could not read the file %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="493"/>
        <source>Hand the club over</source>
        <translation>Hand the club over</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="494"/>
        <source>Make %1 the owner? You will become an admin.</source>
        <translation>Make %1 the owner? You will become an admin.</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="506"/>
        <source>Remove %1 from the club and its chat?</source>
        <translation>Remove %1 from the club and its chat?</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="541"/>
        <source>Your request to join “%1” was declined.</source>
        <translation>Your request to join “%1” was declined.</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="544"/>
        <source>You were removed from “%1”.</source>
        <translation>You were removed from “%1”.</translation>
    </message>
</context>
<context>
    <name>ClubsSection</name>
    <message>
        <location filename="../../desktop/clubs/section.py" line="121"/>
        <source>Clubs</source>
        <translation>Clubs</translation>
    </message>
</context>
<context>
    <name>FocalPointDialog</name>
    <message>
        <location filename="../../desktop/clubs/banner.py" line="205"/>
        <source>Focal point of the cover</source>
        <translation>Focal point of the cover</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/banner.py" line="206"/>
        <source>Click the part of the photo that must stay in view when the banner crops it.</source>
        <translation>Click the part of the photo that must stay in view when the banner crops it.</translation>
    </message>
</context>
<context>
    <name>MyPhotosPage</name>
    <message>
        <location filename="../../desktop/clubs/section.py" line="59"/>
        <source>← Clubs</source>
        <translation>← Clubs</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/section.py" line="62"/>
        <source>My photos</source>
        <translation>My photos</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <location filename="../../desktop/albums/viewer.py" line="80"/>
        <source>Photo</source>
        <translation>Photo</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/viewer.py" line="111"/>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
</context>
<context>
    <name>UploadPanel</name>
    <message>
        <location filename="../../desktop/albums/uploads.py" line="139"/>
        <source>Could not read the file (%1).</source>
        <translation>Could not read the file (%1).</translation>
    </message>
</context>
<context>
    <name>UploadRow</name>
    <message>
        <location filename="../../desktop/albums/uploads.py" line="47"/>
        <source>Dismiss</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/uploads.py" line="67"/>
        <source>Processing…</source>
        <translation>Processing…</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/uploads.py" line="72"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/uploads.py" line="80"/>
        <source>Uploaded</source>
        <translation>Uploaded</translation>
    </message>
</context>
</TS>
