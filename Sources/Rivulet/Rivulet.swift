// Rivulet
