package org.procroom.gateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The room as the writer sees it between commits: the open procedure and the procedures waiting
 * to start. Written only on the writer thread; read by any.
 */
final class RoomState {
  private final String room;
  private volatile Procedure current;
  private volatile List<Scheduled> scheduled;
  private volatile java.util.Map<String, String> siteStudyUids;

  RoomState(String room, Connection c) throws SQLException {
    this.room = room;
    this.current = StoreReader.openProcedure(c, room).orElse(null);
    this.scheduled = StoreReader.scheduled(c, room);
    this.siteStudyUids = StoreReader.siteStudyUids(c, room);
  }

  String room() {
    return room;
  }

  /** The open procedure, or null. */
  Procedure current() {
    return current;
  }

  void current(Procedure procedure) {
    current = procedure;
  }

  List<Scheduled> scheduled() {
    return scheduled;
  }

  /** After a rollback: the open procedure as the database has it. */
  void reload(Connection c) throws SQLException {
    current = StoreReader.openProcedure(c, room).orElse(null);
  }

  void reloadScheduled(Connection c) throws SQLException {
    scheduled = StoreReader.scheduled(c, room);
    siteStudyUids = StoreReader.siteStudyUids(c, room);
  }

  /** The study UID the RIS gave the procedure (scheduled or opened) with this id, or null. */
  String siteStudyUid(String id) {
    return siteStudyUids.get(id);
  }
}
