"""Photo albums of clubs and users: the album list, the photo grid, uploads and the viewer."""
