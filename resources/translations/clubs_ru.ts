<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>AlbumDialog</name>
    <message>
        <location filename="../../desktop/albums/dialogs.py" line="23"/>
        <source>Album</source>
        <translation>Альбом</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/dialogs.py" line="23"/>
        <source>New album</source>
        <translation>Новый альбом</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/dialogs.py" line="25"/>
        <source>For example: Summer meet 2025</source>
        <translation>Например: Летняя встреча 2025</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/dialogs.py" line="39"/>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/dialogs.py" line="41"/>
        <source>Description</source>
        <translation>Описание</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/dialogs.py" line="60"/>
        <source>Enter the album&apos;s title.</source>
        <translation>Введите название альбома.</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/dialogs.py" line="62"/>
        <source>The title is too long: at most %1 characters.</source>
        <translation>Название слишком длинное: не больше %1 символов.</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/dialogs.py" line="66"/>
        <source>The description is too long: at most %1 characters.</source>
        <translation>Описание слишком длинное: не больше %1 символов.</translation>
    </message>
</context>
<context>
    <name>AlbumView</name>
    <message>
        <location filename="../../desktop/albums/view.py" line="78"/>
        <source>← Albums</source>
        <translation>← Альбомы</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/view.py" line="86"/>
        <source>Add photos…</source>
        <translation>Добавить фото…</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/view.py" line="89"/>
        <source>Edit…</source>
        <translation>Изменить…</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/view.py" line="92"/>
        <source>Set as album cover</source>
        <translation>Сделать обложкой альбома</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/view.py" line="95"/>
        <location filename="../../desktop/albums/view.py" line="301"/>
        <source>Delete photo</source>
        <translation>Удалить фото</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/view.py" line="98"/>
        <location filename="../../desktop/albums/view.py" line="322"/>
        <source>Delete album</source>
        <translation>Удалить альбом</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/view.py" line="204"/>
        <source>No photos yet. Add some with “Add photos…” or drop files here.</source>
        <translation>Фотографий пока нет. Добавьте их кнопкой «Добавить фото…» или перетащите файлы сюда.</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/view.py" line="206"/>
        <source>No photos yet.</source>
        <translation>Фотографий пока нет.</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/view.py" line="239"/>
        <source>Add photos</source>
        <translation>Добавить фото</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/view.py" line="239"/>
        <source>Images (%1)</source>
        <translation>Изображения (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/view.py" line="301"/>
        <source>Delete this photo for everyone?</source>
        <translation>Удалить эту фотографию для всех?</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/view.py" line="323"/>
        <source>Delete the album “%1” with all its photos?</source>
        <translation>Удалить альбом «%1» со всеми фотографиями?</translation>
    </message>
</context>
<context>
    <name>AlbumsPanel</name>
    <message>
        <location filename="../../desktop/albums/panel.py" line="72"/>
        <source>New album…</source>
        <translation>Новый альбом…</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/panel.py" line="140"/>
        <source>Albums: %1</source>
        <translation>Альбомов: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/panel.py" line="142"/>
        <source>No albums yet.</source>
        <translation>Альбомов пока нет.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/albums/panel.py" line="145"/>
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n фото</numerusform>
            <numerusform>%n фото</numerusform>
            <numerusform>%n фото</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClubDelegate</name>
    <message>
        <location filename="../../desktop/clubs/list_page.py" line="150"/>
        <source>Owner</source>
        <translation>Владелец</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/list_page.py" line="152"/>
        <source>Admin</source>
        <translation>Админ</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/list_page.py" line="154"/>
        <source>Member</source>
        <translation>Участник</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/list_page.py" line="156"/>
        <source>Request sent</source>
        <translation>Заявка отправлена</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/clubs/list_page.py" line="160"/>
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n участник</numerusform>
            <numerusform>%n участника</numerusform>
            <numerusform>%n участников</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClubEditorDialog</name>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="65"/>
        <source>New club</source>
        <translation>Новый клуб</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="65"/>
        <source>Edit club</source>
        <translation>Изменить клуб</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="68"/>
        <source>For example: Toyota Club Vladivostok</source>
        <translation>Например: Тойота Клуб Владивосток</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="71"/>
        <source>A make, a model or a kind of motoring</source>
        <translation>Марка, модель или вид автоспорта</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="75"/>
        <source>Anyone can join</source>
        <translation>Вступить может любой</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="76"/>
        <source>Admins approve each request</source>
        <translation>Админы одобряют каждую заявку</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="91"/>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="92"/>
        <source>City</source>
        <translation>Город</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="93"/>
        <source>Topic</source>
        <translation>Тема</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="94"/>
        <source>Description</source>
        <translation>Описание</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="95"/>
        <source>Joining</source>
        <translation>Вступление</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="116"/>
        <source>Enter the club&apos;s title.</source>
        <translation>Введите название клуба.</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="117"/>
        <source>The title is too long: at most %1 characters.</source>
        <translation>Название слишком длинное: не больше %1 символов.</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="118"/>
        <source>Enter the city.</source>
        <translation>Введите город.</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="119"/>
        <source>The city is too long: at most %1 characters.</source>
        <translation>Название города слишком длинное: не больше %1 символов.</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="120"/>
        <source>Enter the topic, for example a car make.</source>
        <translation>Введите тему, например марку автомобиля.</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="121"/>
        <source>The topic is too long: at most %1 characters.</source>
        <translation>Тема слишком длинная: не больше %1 символов.</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/editor.py" line="130"/>
        <source>The description is too long: at most %1 characters.</source>
        <translation>Описание слишком длинное: не больше %1 символов.</translation>
    </message>
</context>
<context>
    <name>ClubListPage</name>
    <message>
        <location filename="../../desktop/clubs/list_page.py" line="261"/>
        <source>Search clubs by title</source>
        <translation>Поиск клубов по названию</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/list_page.py" line="264"/>
        <source>City</source>
        <translation>Город</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/list_page.py" line="267"/>
        <source>New club…</source>
        <translation>Новый клуб…</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/list_page.py" line="270"/>
        <source>My photos</source>
        <translation>Мои фото</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/list_page.py" line="350"/>
        <source>No clubs match the search.</source>
        <translation>По запросу клубов не найдено.</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/list_page.py" line="352"/>
        <source>No clubs yet. Create the first one with “New club…”.</source>
        <translation>Клубов пока нет. Создайте первый кнопкой «Новый клуб…».</translation>
    </message>
</context>
<context>
    <name>ClubPage</name>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="79"/>
        <source>← Clubs</source>
        <translation>← Клубы</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="102"/>
        <source>Open chat</source>
        <translation>Открыть чат</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="108"/>
        <source>Edit…</source>
        <translation>Изменить…</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="111"/>
        <source>Cover</source>
        <translation>Обложка</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="114"/>
        <location filename="../../desktop/clubs/club_page.py" line="241"/>
        <source>Upload a cover…</source>
        <translation>Загрузить обложку…</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="116"/>
        <source>Set the focal point…</source>
        <translation>Выбрать точку фокуса…</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="118"/>
        <source>Remove the cover</source>
        <translation>Убрать обложку</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="142"/>
        <source>Albums</source>
        <translation>Альбомы</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="143"/>
        <source>Members</source>
        <translation>Участники</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="180"/>
        <source>Make admin</source>
        <translation>Сделать админом</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="181"/>
        <source>Make member</source>
        <translation>Сделать участником</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="182"/>
        <source>Hand the club over…</source>
        <translation>Передать клуб…</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="183"/>
        <location filename="../../desktop/clubs/club_page.py" line="505"/>
        <source>Remove from club</source>
        <translation>Исключить из клуба</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="208"/>
        <source>Approve</source>
        <translation>Принять</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="211"/>
        <source>Decline</source>
        <translation>Отклонить</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/clubs/club_page.py" line="231"/>
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n участник</numerusform>
            <numerusform>%n участника</numerusform>
            <numerusform>%n участников</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="241"/>
        <source>Replace the cover…</source>
        <translation>Заменить обложку…</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="252"/>
        <source>Join</source>
        <translation>Вступить</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="252"/>
        <source>Ask to join</source>
        <translation>Подать заявку</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="255"/>
        <source>Cancel request</source>
        <translation>Отозвать заявку</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="255"/>
        <source>Leave</source>
        <translation>Выйти из клуба</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="257"/>
        <source>Request sent. The club&apos;s admins will answer it.</source>
        <translation>Заявка отправлена. Админы клуба её рассмотрят.</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="259"/>
        <source>You own this club.</source>
        <translation>Вы владелец этого клуба.</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="261"/>
        <source>You are an admin of this club.</source>
        <translation>Вы админ этого клуба.</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="263"/>
        <source>You are a member.</source>
        <translation>Вы участник клуба.</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="270"/>
        <location filename="../../desktop/clubs/club_page.py" line="276"/>
        <source>Requests</source>
        <translation>Заявки</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="275"/>
        <source>Requests (%1)</source>
        <translation>Заявки (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="279"/>
        <source>owner</source>
        <translation>владелец</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="279"/>
        <source>admin</source>
        <translation>админ</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="279"/>
        <source>member</source>
        <translation>участник</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="288"/>
        <source>(you)</source>
        <translation>(вы)</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="398"/>
        <source>Leave club</source>
        <translation>Выход из клуба</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="398"/>
        <source>Leave “%1” and its chat?</source>
        <translation>Выйти из клуба «%1» и его чата?</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="425"/>
        <source>Cover photo</source>
        <translation>Фото обложки</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="425"/>
        <source>Images (%1)</source>
        <translation>Изображения (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="431"/>
        <source>Uploading the cover…</source>
        <translation>Загружаем обложку…</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="439"/>
        <source>Could not read the file %1.</source>
        <translation>Не удалось прочитать файл %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="493"/>
        <source>Hand the club over</source>
        <translation>Передача клуба</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="494"/>
        <source>Make %1 the owner? You will become an admin.</source>
        <translation>Сделать владельцем: %1? Вы станете админом.</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="506"/>
        <source>Remove %1 from the club and its chat?</source>
        <translation>Исключить участника %1 из клуба и его чата?</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="541"/>
        <source>Your request to join “%1” was declined.</source>
        <translation>Ваша заявка на вступление в «%1» отклонена.</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/club_page.py" line="544"/>
        <source>You were removed from “%1”.</source>
        <translation>Вас исключили из клуба «%1».</translation>
    </message>
</context>
<context>
    <name>ClubsSection</name>
    <message>
        <location filename="../../desktop/clubs/section.py" line="121"/>
        <source>Clubs</source>
        <translation>Клубы</translation>
    </message>
</context>
<context>
    <name>FocalPointDialog</name>
    <message>
        <location filename="../../desktop/clubs/banner.py" line="205"/>
        <source>Focal point of the cover</source>
        <translation>Точка фокуса обложки</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/banner.py" line="206"/>
        <source>Click the part of the photo that must stay in view when the banner crops it.</source>
        <translation>Щёлкните по части фото, которая должна остаться видна, когда баннер её обрезает.</translation>
    </message>
</context>
<context>
    <name>MyPhotosPage</name>
    <message>
        <location filename="../../desktop/clubs/section.py" line="59"/>
        <source>← Clubs</source>
        <translation>← Клубы</translation>
    </message>
    <message>
        <location filename="../../desktop/clubs/section.py" line="62"/>
        <source>My photos</source>
        <translation>Мои фото</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <location filename="../../desktop/albums/viewer.py" line="80"/>
        <source>Photo</source>
        <translation>Фото</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/viewer.py" line="111"/>
        <source>%1 of %2</source>
        <translation>%1 из %2</translation>
    </message>
</context>
<context>
    <name>UploadPanel</name>
    <message>
        <location filename="../../desktop/albums/uploads.py" line="139"/>
        <source>Could not read the file (%1).</source>
        <translation>Не удалось прочитать файл (%1).</translation>
    </message>
</context>
<context>
    <name>UploadRow</name>
    <message>
        <location filename="../../desktop/albums/uploads.py" line="47"/>
        <source>Dismiss</source>
        <translation>Скрыть</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/uploads.py" line="67"/>
        <source>Processing…</source>
        <translation>Обработка…</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/uploads.py" line="72"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/albums/uploads.py" line="80"/>
        <source>Uploaded</source>
        <translation>Загружено</translation>
    </message>
</context>
</TS>
