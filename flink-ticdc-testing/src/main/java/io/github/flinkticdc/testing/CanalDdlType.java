package io.github.flinkticdc.testing;

/** The {@code type} TiCDC gives a canal-json DDL event (spec §2.6). */
public enum CanalDdlType {
    /** Create table. */
    CREATE,
    /** Column, partition, index-rename, charset and other table changes. */
    ALTER,
    /** Drop table. */
    ERASE,
    /** Truncate table. */
    TRUNCATE,
    /** Rename table(s). */
    RENAME,
    /** Add index, primary key or foreign key. */
    CINDEX,
    /** Drop index, primary key or foreign key. */
    DINDEX,
    /** Schema-level and every other DDL (create/drop database, views, sequences...). */
    QUERY
}
