// the failure names the class, the method, the source line and the rule
def log = new File(basedir, 'build.log').text
def expected = 'Weft cannot rewrite app.Locked.inLock(Ljava/util/concurrent/CompletableFuture;)I (Locked.java:14): SUSPENSION_IN_SYNCHRONIZED'
assert log.contains(expected) : "build log lacks: " + expected
assert log.contains('Weft refused 1 method(s)')
return true
