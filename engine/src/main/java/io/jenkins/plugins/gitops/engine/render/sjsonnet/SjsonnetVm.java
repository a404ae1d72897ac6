package io.jenkins.plugins.gitops.engine.render.sjsonnet;

import io.jenkins.plugins.gitops.engine.render.JsonnetVm;
import java.util.Map;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;
import scala.util.Either;
import sjsonnet.DefaultParseCache;
import sjsonnet.Interpreter;
import sjsonnet.OsPath;
import sjsonnet.Settings;

/**
 * {@link JsonnetVm} on sjsonnet (Databricks' JVM Jsonnet), configured as Argo CD's {@code makeJsonnetVm}: external
 * variables, top-level arguments and the import search paths of {@link RepositoryImporter}. Loaded by the class
 * loader that holds sjsonnet - the engine's own, or the Jsonnet runtime's when it was fetched - so it uses nothing of
 * the engine but {@link JsonnetVm}.
 */
public final class SjsonnetVm implements JsonnetVm {

    @Override
    public Result evaluate(Request request) {
        RepositoryImporter importer = new RepositoryImporter(request.realRepoRoot(), request.jpaths());
        Interpreter interpreter = new Interpreter(
                scalaMap(request.extVars()),
                scalaMap(request.tlas()),
                new OsPath(new os.Path(request.repoRoot())),
                importer,
                new DefaultParseCache(),
                defaultSettings(),
                Interpreter.$lessinit$greater$default$7(),
                warning -> {
                    request.warnings().accept(warning);
                    return BoxedUnit.UNIT;
                },
                Interpreter.$lessinit$greater$default$9());
        Either<String, ujson.Value> result = interpreter.interpret(request.text(),
                new OsPath(new os.Path(request.file())));
        return result.isLeft() ? new Result(null, result.left().get(), importer.escape())
                : new Result(result.right().get().render(-1, false), null, importer.escape());
    }

    private static scala.collection.immutable.Map<String, String> scalaMap(Map<String, String> map) {
        return scala.collection.immutable.Map$.MODULE$.from(CollectionConverters.asScala(map));
    }

    private static Settings defaultSettings() {
        return new Settings(Settings.$lessinit$greater$default$1(), Settings.$lessinit$greater$default$2(),
                Settings.$lessinit$greater$default$3(), Settings.$lessinit$greater$default$4(),
                Settings.$lessinit$greater$default$5(), Settings.$lessinit$greater$default$6());
    }
}
