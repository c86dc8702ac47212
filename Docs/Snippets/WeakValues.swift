// Values held weakly (Python's `weakref.WeakValueDictionary`), with a strong keep-alive of the
// most recently used ones: one shared instance per key while anything uses it.
import WeakValueStore

// snippet.hide
final class Texture: Sendable {
    let path: String
    init(loading path: String) { self.path = path }
}
// snippet.show
let textures = WeakValueCache<String, Texture>(keepAlive: 50)  // + the 50 most recently used, held strongly
let grass = textures.get("grass.png") { Texture(loading: $0) }  // loaded once, shared while it lives
textures.onRemoval { path, _, cause in print(path, cause) }  // `.collected` once deallocated
print(textures.count, textures.stats.collections)
// snippet.hide
precondition(textures.get("grass.png") { Texture(loading: $0) } === grass)
