-- The civil registry's own tables: the registrations it makes, and the register its consumer keeps.
CREATE TABLE registration (
    id            VARCHAR(36)  PRIMARY KEY,
    idnp          VARCHAR(13)  NOT NULL,
    name          VARCHAR(255) NOT NULL,
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE TABLE registered_citizen (
    registration VARCHAR(255) PRIMARY KEY,
    idnp         VARCHAR(13)  NOT NULL,
    name         VARCHAR(255) NOT NULL
);
